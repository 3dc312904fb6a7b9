/* The parts of Leaflet the field page uses, as the `L` its modules name (esbuild --inject). */
// Built from Leaflet's own ES sources, module by module: leaflet-src.esm.js is one module full of
// top-level side effects (every handler, control and layer registers itself on Map), so a bundler
// cannot leave anything out of it. Left out here: Canvas, popups, GeoJSON, image/video overlays,
// polygons, the layers and scale controls, WMS, box zoom and tap-hold.
import { Map, createMap } from "leaflet/src/map/Map";
import { DoubleClickZoom } from "leaflet/src/map/handler/Map.DoubleClickZoom";
import { Drag } from "leaflet/src/map/handler/Map.Drag";
import { Keyboard } from "leaflet/src/map/handler/Map.Keyboard";
import { ScrollWheelZoom } from "leaflet/src/map/handler/Map.ScrollWheelZoom";
import { TouchZoom } from "leaflet/src/map/handler/Map.TouchZoom";
import "leaflet/src/control/Control.Zoom";
import "leaflet/src/control/Control.Attribution";
import "leaflet/src/layer/Tooltip";
import "leaflet/src/layer/vector/Renderer.getRenderer";
import { layerGroup } from "leaflet/src/layer/LayerGroup";
import { tileLayer } from "leaflet/src/layer/tile/TileLayer";
import { circleMarker } from "leaflet/src/layer/vector/CircleMarker";
import { circle } from "leaflet/src/layer/vector/Circle";
import { polyline } from "leaflet/src/layer/vector/Polyline";
import { marker } from "leaflet/src/layer/marker/Marker";
import { divIcon } from "leaflet/src/layer/marker/DivIcon";

// As leaflet's map/index.js does: the handlers under their names on Map.
Object.assign(Map, { DoubleClickZoom, Drag, Keyboard, ScrollWheelZoom, TouchZoom });

export const L = { map: createMap, layerGroup, tileLayer, circleMarker, circle, polyline, marker, divIcon };
