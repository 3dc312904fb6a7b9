"""RoutingRule: a category (and, where it matters, the owner of the place) to an organisation."""

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from walkapp.db import Base, str_enum, utcnow
from walkapp.observations.models import Category, PlaceOwner
from walkapp.places.models import Organisation


class RoutingRule(Base):
    """The municipality's division of responsibility, as the chief or an administrator wrote it.

    A rule with `place_owner` None applies whoever owns the place; a rule naming an owner wins
    for observations whose place has that owner. One rule per (category, owner) is kept by the
    service, since NULLs never collide in a unique constraint.
    """

    __tablename__ = "routing_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipalities.id"), index=True)
    category_code: Mapped[str] = mapped_column(ForeignKey("categories.code"), index=True)
    place_owner: Mapped[PlaceOwner | None] = mapped_column(str_enum(PlaceOwner, "place_owner"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    # Why, in the municipality's words ("enligt kommunens ansvarsfördelning"), shown with the
    # proposal.
    note: Mapped[str] = mapped_column(String(300), default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    category: Mapped[Category] = relationship()
    organisation: Mapped[Organisation] = relationship()
