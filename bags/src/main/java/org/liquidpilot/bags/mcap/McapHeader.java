package org.liquidpilot.bags.mcap;

/** The header record: the profile ({@code ros1}, {@code ros2}, or empty) and the library that wrote the file. */
public record McapHeader(String profile, String library) {}
