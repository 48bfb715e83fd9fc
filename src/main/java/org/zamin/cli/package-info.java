/** The command line: serve, test helpers, user administration, import, export, generate, idle scan. */
package org.zamin.cli;
