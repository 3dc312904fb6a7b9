/* The field page's one script (scripts/build-frontend.sh): its modules, in the order field.html ran them. */
import "../../static/js/field.js";
import "../../static/js/field/tiles.js";
import "../../static/js/wakelock.js";
