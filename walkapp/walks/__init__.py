"""Walks (trygghetsvandringar and trafikvandringar) and the people who take part in them."""
