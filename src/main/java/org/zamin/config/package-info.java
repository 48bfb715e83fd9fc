/** The service's settings: one immutable record read from the environment and validated at start. */
package org.zamin.config;
