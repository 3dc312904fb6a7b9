"""Exports for GIS: GeoJSON (WGS84), CSV with SWEREF 99, GeoPackage in the local zone."""
