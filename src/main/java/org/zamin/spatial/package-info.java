/** Small spatial value types shared by the features and protocol adapters (no I/O, no HTTP). */
package org.zamin.spatial;
