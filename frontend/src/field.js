/* The field page's one script (scripts/build-frontend.sh): its modules, in the order field.html ran them. */
import "../../walkapp/static/js/field.js";
import "../../walkapp/static/js/field/tiles.js";
import "../../walkapp/static/js/wakelock.js";
