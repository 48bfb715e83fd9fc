package org.zamin.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.zamin.account.AccountService;
import org.zamin.account.Role;
import org.zamin.config.Settings;
import org.zamin.db.Database;
import org.zamin.domain.DomainException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./zamin user add|list|disable|enable|reset-password}: account administration. Disabling ends the account's
 * sessions and API tokens at once; a password reset ends its sessions.
 */
@Command(name = "user", description = "Manage user accounts.", mixinStandardHelpOptions = true,
        subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class, UserCommand.Disable.class,
                UserCommand.Enable.class, UserCommand.ResetPassword.class})
final class UserCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** Runs {@code action} on the account service of the database the environment names; 1 and the reason if refused. */
    private static int withAccounts(String refused, java.util.function.Consumer<AccountService> action) {
        try (Database database = ZaminCommand.openDatabase(Settings.fromEnvironment(System.getenv()))) {
            action.accept(new AccountService(database.jdbi(), Clock.systemUTC()));
            return 0;
        } catch (DomainException e) {
            System.err.println(refused + ": " + e.getMessage());
            return 1;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List every account: id, email, role, estates, created, and whether it is disabled.")
    static final class ListUsers implements Callable<Integer> {

        @Override
        public Integer call() {
            return withAccounts("cannot list the users", accounts -> {
                System.out.printf("%-6s %-40s %-9s %-20s %-10s %s%n", "id", "email", "role", "created", "status",
                        "estates");
                for (var a : accounts.users()) {
                    System.out.printf("%-6d %-40s %-9s %-20s %-10s %s%n", a.id(), a.email(), a.role().label(),
                            a.createdAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                            a.disabledAt() == null ? "enabled" : "disabled", String.join(",", a.estates()));
                }
            });
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Disable an account: it cannot sign in, and its sessions and API tokens end at once.")
    static final class Disable implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "EMAIL", description = "The account's email address.")
        String email;

        @Override
        public Integer call() {
            return withAccounts("cannot disable the user", accounts -> {
                accounts.disable(email);
                System.out.println("disabled " + email + ": its sessions and API tokens have ended");
            });
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true,
            description = "Enable a disabled account again (its ended sessions and tokens stay ended).")
    static final class Enable implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "EMAIL", description = "The account's email address.")
        String email;

        @Override
        public Integer call() {
            return withAccounts("cannot enable the user", accounts -> {
                accounts.enable(email);
                System.out.println("enabled " + email);
            });
        }
    }

    @Command(name = "reset-password", mixinStandardHelpOptions = true,
            description = "Set a new password (random and printed once, or from standard input) and end the account's "
                    + "browser sessions.")
    static final class ResetPassword implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "EMAIL", description = "The account's email address.")
        String email;

        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
        boolean passwordStdin;

        @Override
        public Integer call() {
            String password = passwordStdin ? Add.readPassword() : Add.generatedPassword();
            return withAccounts("cannot reset the password", accounts -> {
                accounts.resetPassword(email, password);
                System.out.println("password reset for " + email + "; its browser sessions have ended");
                if (!passwordStdin) {
                    System.out.println("password (shown once): " + password);
                }
            });
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Create a user. Without --password-stdin a random password is generated and printed once.")
    static final class Add implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "EMAIL", description = "The user's email address (the login).")
        String email;

        @Option(names = "--role", required = true, description = "investor, officer, planner or admin.")
        String role;

        @Option(names = "--estates", split = ",", paramLabel = "CODE",
                description = "Estate codes an officer manages (comma-separated).")
        List<String> estates = new ArrayList<>();

        @Option(names = "--name", description = "Display name (default: the part of the address before @).")
        String name;

        @Option(names = "--organisation", defaultValue = "", description = "Organisation.")
        String organisation;

        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
        boolean passwordStdin;

        @Override
        public Integer call() {
            Role parsedRole;
            try {
                parsedRole = Role.valueOf(role.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                System.err.println("unknown role '" + role + "': use investor, officer, planner or admin");
                return 2;
            }
            if (parsedRole == Role.OFFICER && estates.isEmpty()) {
                System.err.println("an officer needs --estates CODE,… (the estates they manage)");
                return 2;
            }
            String password = passwordStdin ? readPassword() : generatedPassword();
            String displayName = name == null || name.isBlank() ? email.split("@", 2)[0] : name;
            return withAccounts("cannot create the user", accounts -> {
                long id = accounts.createUser(email, displayName, organisation, password, parsedRole,
                        estates.stream().map(String::strip).filter(s -> !s.isEmpty()).toList());
                System.out.printf("created user %d: %s (%s)%s%n", id, email, parsedRole.label(),
                        estates.isEmpty() ? "" : " managing " + String.join(", ", estates));
                if (!passwordStdin) {
                    System.out.println("password (shown once): " + password);
                }
            });
        }

        static String readPassword() {
            try {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                return line == null ? "" : line;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static String generatedPassword() {
            String alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
            SecureRandom random = new SecureRandom();
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 16; i++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            return sb.toString();
        }
    }
}
