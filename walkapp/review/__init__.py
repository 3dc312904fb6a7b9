"""The safety chief's review of all observations: filters, a folium map and a list."""
