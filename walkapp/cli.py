"""Command line: init-db, seed-demo, create-user, migrations, reminders, retention, photos."""

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from walkapp.auth.models import Role


def _engine():
    return current_app.extensions["walkapp.engine"]


@click.command("init-db")
@with_appcontext
def init_db_command():
    """Create the database schema or upgrade it to the newest version (never drops anything)."""
    from walkapp.migrations.tool import current_revision, upgrade

    upgrade(_engine())
    click.echo(f"Database is at revision {current_revision(_engine())}.")


@click.command("make-migration")
@with_appcontext
@click.argument("message")
def make_migration_command(message: str):
    """Write a new Alembic migration from the difference between the models and the database."""
    from walkapp.migrations.tool import make_revision, upgrade

    upgrade(_engine())
    make_revision(_engine(), message)


@click.command("seed-demo")
@with_appcontext
def seed_demo_command():
    """Fill the database with the demo story of Strängnäs and Söderköping (safe to run twice)."""
    from walkapp.demo import seed_demo
    from walkapp.migrations.tool import upgrade

    upgrade(_engine())
    summary = seed_demo(current_app)
    for line in summary:
        click.echo(line)


@click.command("create-user")
@with_appcontext
@click.argument("email")
@click.option("--role", required=True, type=click.Choice([role.value for role in Role]))
@click.option("--password", required=True, help="At least PASSWORD_MIN_LENGTH characters.")
@click.option("--name", default="", help="Display name (default: the e-mail address).")
@click.option("--organisation", default=None, help="Organisation name (required for handlers).")
@click.option("--municipality", default=None, help="Municipality name or slug.")
@click.option(
    "--police-area",
    default=None,
    help="Police area name (a police_area officer's, who reads all its municipalities).",
)
def create_user_command(email, role, password, name, organisation, municipality, police_area):
    """Create an account for scripts and first installs."""
    from sqlalchemy import select

    from walkapp.auth.services import PasswordRules, create_user
    from walkapp.db import get_db
    from walkapp.errors import DomainError
    from walkapp.places.models import Organisation
    from walkapp.places.services import find_municipality, find_police_area

    db = get_db()
    area = None
    if police_area:
        area = find_police_area(db, police_area)
        if area is None:
            raise click.BadParameter(
                f"no police area named {police_area!r} (a municipality's cooperation page sets it)",
                param_hint="--police-area",
            )
    place = None
    if municipality:
        place = find_municipality(db, municipality)
        if place is None:
            raise click.BadParameter(
                f"no municipality named {municipality!r}", param_hint="--municipality"
            )
    org = None
    if organisation:
        query = select(Organisation).where(Organisation.name == organisation)
        if place is not None:
            query = query.where(Organisation.municipality_id == place.id)
        matches = db.scalars(query).all()
        if len(matches) != 1:
            raise click.BadParameter(
                f"{len(matches)} organisations named {organisation!r}; name the municipality too",
                param_hint="--organisation",
            )
        org = matches[0]
        place = place or org.municipality
    try:
        user = create_user(
            db,
            None,
            email=email,
            name=name,
            role=role,
            password=password,
            municipality=place,
            organisation=org,
            police_area=area,
            rules=PasswordRules.from_config(current_app.config),
        )
    except DomainError as error:
        db.rollback()
        raise click.ClickException(str(error.message)) from None
    db.commit()
    click.echo(f"Created {user.role.value} {user.email}.")


@click.command("send-reminders")
@with_appcontext
@click.option("--date", "on", default=None, help="Act as on this day (YYYY-MM-DD); default today.")
def send_reminders_command(on):
    """Queue action and report reminders, then send the outbox (run it daily from cron)."""
    from datetime import date

    from walkapp.notifications.sending import MailSettings, deliver_pending
    from walkapp.notifications.services import queue_reminders
    from walkapp.reports.reminders import queue_follow_up_reminders
    from walkapp.routing.reminders import queue_referral_reminders

    try:
        today = date.fromisoformat(on) if on else date.today()
    except ValueError:
        raise click.BadParameter("use YYYY-MM-DD", param_hint="--date") from None
    config = current_app.config
    with current_app.extensions["walkapp.sessionmaker"]() as db:
        queued = queue_reminders(db, today=today, due_soon_days=config["DUE_SOON_DAYS"])
        reports = queue_follow_up_reminders(db, today=today)
        referrals = queue_referral_reminders(db, today=today)
        db.commit()
        sent = deliver_pending(db, MailSettings.of(config))
    click.echo(
        f"Queued {queued['due_soon']} due-soon reminders and {queued['overdue']} overdue digests, "
        f"{reports} follow-up report reminders and {referrals} referral reminders; "
        f"sent {sent['sent']}, failed {sent['failed']}."
    )
    if not current_app.config.get("MAIL_SERVER"):
        click.echo("No MAIL_SERVER is set: the messages wait in the outbox (/admin/outbox).")


@click.command("apply-retention")
@with_appcontext
@click.option("--dry-run", is_flag=True, help="Say what would be removed; change nothing.")
def apply_retention_command(dry_run):
    """Anonymise participants and delete photo originals as each municipality's settings say."""
    from sqlalchemy.orm import Session

    from walkapp.db import utcnow
    from walkapp.photos.storage import get_storage
    from walkapp.privacy.services import apply_retention

    with Session(_engine()) as db:
        report = apply_retention(db, get_storage(), utcnow(), dry_run=dry_run)
        if dry_run:
            db.rollback()
        else:
            db.commit()
    verb = "Would anonymise" if dry_run else "Anonymised"
    click.echo(
        f"{verb} {report.participants} participants, {report.notes} masked notes and "
        f"{report.photos} photo originals in {len(report.walks)} walks."
    )


@click.command("detect-photos")
@with_appcontext
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many.")
def detect_photos_command(limit):
    """Propose blurs for faces and number plates in photos still pending (run it from cron)."""
    from walkapp.photos.detection import detect_pending

    if current_app.config.get("PHOTO_DETECTION") == "off":
        click.echo("PHOTO_DETECTION is off: nothing detected.")
        return
    counts = detect_pending(current_app._get_current_object(), limit)
    click.echo(f"Detected in {counts['done']} photos; {counts['failed']} could not be read.")


@click.command("remove-orphan-photos")
@with_appcontext
@click.option("--delete", is_flag=True, help="Remove the files; without it, only list them.")
@click.option(
    "--min-age-minutes",
    type=click.IntRange(min=0),
    default=60,
    show_default=True,
    help="Leave newer files: an upload's transaction may not have committed yet.",
)
def remove_orphan_photos_command(delete, min_age_minutes):
    """List photo files that no photo names (and photos whose file is gone); --delete removes."""
    from datetime import timedelta

    from walkapp.db import utcnow
    from walkapp.photos.files import find_orphans, remove_orphans
    from walkapp.photos.storage import get_storage

    storage = get_storage()
    with current_app.extensions["walkapp.sessionmaker"]() as db:
        report = find_orphans(db, storage, older_than=utcnow() - timedelta(minutes=min_age_minutes))
    verb = "Removing" if delete else "Would remove"
    for key in report.files:
        click.echo(f"{verb} {key}")
    for photo_id, key in report.missing:
        click.echo(f"Photo {photo_id} has no file {key}")
    removed = remove_orphans(storage, report) if delete else 0
    summary = f"{len(report.files)} orphan files"
    summary += f", {removed} removed" if delete else " (dry run: --delete removes them)"
    summary += f"; {len(report.missing)} missing files"
    if report.young:
        summary += f"; {report.young} newer than {min_age_minutes} minutes left alone"
    click.echo(summary + ".")


def init_app(app: Flask) -> None:
    for command in (
        init_db_command,
        make_migration_command,
        seed_demo_command,
        create_user_command,
        send_reminders_command,
        apply_retention_command,
        detect_photos_command,
        remove_orphan_photos_command,
    ):
        app.cli.add_command(command)
