"""seed_demo: whatever of the demo story is missing, made in the story's order, then committed."""

from datetime import datetime

from flask import Flask
from sqlalchemy import func, select

from walkapp.actions.models import Action
from walkapp.auth.models import User
from walkapp.auth.services import PasswordRules
from walkapp.db import get_db
from walkapp.demo.context import STOCKHOLM, Demo
from walkapp.demo.places import seed_places, seed_promises, seed_routing, seed_users
from walkapp.demo.reports import (
    link_situations,
    seed_activities,
    seed_follow_ups,
    seed_situations,
)
from walkapp.demo.story import DEMO_PASSWORD, PROMISES, USERS, current_promise
from walkapp.demo.walks import seed_walks
from walkapp.observations.models import Observation
from walkapp.photos.storage import get_storage
from walkapp.places.models import Municipality
from walkapp.promises.models import Promise
from walkapp.walks.models import Walk


def seed_demo(app: Flask) -> list[str]:
    """Create whatever of the demo story is missing and commit; returns a short summary."""
    db = get_db()
    demo = Demo(
        db=db,
        now=datetime.now(STOCKHOLM),
        timezone=app.config["BABEL_DEFAULT_TIMEZONE"],
        storage=get_storage(),
        password_rules=PasswordRules.from_config(app.config),
    )
    seed_places(demo)
    seed_users(demo)
    promises = PROMISES + [current_promise(demo.today.year)]
    seed_promises(demo, promises)
    seed_routing(demo)
    seed_walks(demo)
    link_situations(demo, promises, seed_situations(demo))
    seed_activities(demo)
    seed_follow_ups(demo)
    db.commit()
    counts = {
        model.__name__: db.scalar(select(func.count()).select_from(model))
        for model in (Municipality, User, Promise, Walk, Observation, Action)
    }
    return [f"{name}: {count}" for name, count in counts.items()] + [
        f"Demo users (password {DEMO_PASSWORD}): " + ", ".join(email for email, *_ in USERS)
    ]
