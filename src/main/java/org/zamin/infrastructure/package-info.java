/** Infrastructure lines around and inside estates: roads, rail, power, gas and water. */
package org.zamin.infrastructure;
