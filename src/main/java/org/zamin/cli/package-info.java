/**
 * The command line (picocli): serve, user administration, import, export, generate, idle scan, utility-reading
 * import, decision-log verification, allocation-round verification. Commands call the feature services and report their domain failures as
 * messages with an exit code.
 */
package org.zamin.cli;
