package org.orrery.testkit;

/**
 * Where a view of points looks from: it orbits a target point at a distance. Two cameras are
 * equal when every figure is; a test compares them, it does not compute them.
 *
 * @param targetX the point looked at, in the data's units
 * @param targetY the point looked at
 * @param targetZ the point looked at
 * @param yaw the turn about the vertical axis, in degrees
 * @param pitch the tilt, in degrees
 * @param distance from the target, in the data's units (the wheel zooms by changing it)
 * @param fov the vertical field of view, in degrees
 */
public record Camera(double targetX, double targetY, double targetZ, double yaw, double pitch,
                     double distance, double fov) {
}
