package org.zamin.io;

/** Why a feature's geometry could not be read, with a stable code and, where known, the point at fault (WKT). */
public record GeometryProblem(String code, String message, String locationWkt) {}
