package dev.montazz.ingest.floor;

/** Published in this instance after it changed a floor, so its own subscribers hear at once. */
record FloorChanged(Floor floor) {
}
