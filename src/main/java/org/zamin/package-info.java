/**
 * Zamin, an open land bank for industrial estates. {@link org.zamin.App} wires the features together;
 * each sub-package is one feature (estate, parcel, …) or one protocol adapter.
 */
package org.zamin;
