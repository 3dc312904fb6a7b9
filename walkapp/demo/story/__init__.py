"""The demo story as data: Strängnäs and Söderköping, their promises, walks and follow-ups."""

from walkapp.demo.story.activities import ACTIVITIES
from walkapp.demo.story.follow_ups import CURRENT_NARRATIVE, CURRENT_TEXTS, FOLLOW_UPS
from walkapp.demo.story.people import (
    DEMO_PASSWORD,
    MUNICIPALITIES,
    SIGNATORIES,
    USERS,
)
from walkapp.demo.story.promises import PROMISES, current_promise
from walkapp.demo.story.routing import PLACE_OWNERS, ROUTING, ROUTING_NOTE
from walkapp.demo.story.situations import SITUATIONS
from walkapp.demo.story.walks_2017 import WALKS_2017
from walkapp.demo.story.walks_later import WALKS_LATER

WALKS = WALKS_2017 + WALKS_LATER

# Who joins each walk (display name, whom they represent): the first three to five of these.
PARTICIPANTS = [
    ("Anna", "resident"),
    ("Erik", "resident"),
    ("Kommunpolisen", "police"),
    ("Teknik- och servicekontoret", "municipality"),
    ("Fastighetsvärd", "property_owner"),
    ("Elev, åk 9", "youth"),
]
# The reasons the public reads for decisions without an action of ours, and for a rejection.
PUBLIC_REASONS = {
    "referred": "Vägen sköts av Trafikverket; synpunkten är överlämnad dit.",
    "long_term": "Ingår i den långsiktiga planeringen av området; följs upp i nästa års budget.",
    "no_action": "Platsen bedöms inte kräva åtgärd nu; belysningen uppfyller kommunens riktlinjer.",
    "rejected": "Gatan byggs om nästa år; ytan åtgärdas i samband med det.",
}
# The steps an action takes to reach each outcome (the chief verifies, the handler does the rest).
ACTION_PATHS = {
    "open": [],
    "planned": ["planned"],
    "in_progress": ["planned", "in_progress"],
    "done": ["planned", "in_progress", "done"],
    "verified": ["planned", "in_progress", "done", "verified"],
    "rejected": ["rejected"],
}

__all__ = [
    "ACTION_PATHS",
    "ACTIVITIES",
    "CURRENT_NARRATIVE",
    "CURRENT_TEXTS",
    "DEMO_PASSWORD",
    "FOLLOW_UPS",
    "MUNICIPALITIES",
    "PARTICIPANTS",
    "PLACE_OWNERS",
    "PROMISES",
    "PUBLIC_REASONS",
    "ROUTING",
    "ROUTING_NOTE",
    "SIGNATORIES",
    "SITUATIONS",
    "USERS",
    "WALKS",
    "current_promise",
]
