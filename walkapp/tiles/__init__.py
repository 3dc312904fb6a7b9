"""Map tiles: the tile source of each municipality, and tiles served by walkapp from MBTiles."""
