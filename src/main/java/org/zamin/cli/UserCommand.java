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

/** {@code ./zamin user add EMAIL --role ROLE [--estates CODE,…] [--password-stdin]}: staff accounts. */
@Command(name = "user", description = "Manage user accounts.", subcommands = UserCommand.Add.class,
        mixinStandardHelpOptions = true)
final class UserCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
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
            try (Database database = ZaminCommand.openDatabase(Settings.fromEnvironment(System.getenv()))) {
                long id = new AccountService(database.jdbi(), Clock.systemUTC())
                        .createUser(email, displayName, organisation, password, parsedRole,
                                estates.stream().map(String::strip).filter(s -> !s.isEmpty()).toList());
                System.out.printf("created user %d: %s (%s)%s%n", id, email, parsedRole.label(),
                        estates.isEmpty() ? "" : " managing " + String.join(", ", estates));
                if (!passwordStdin) {
                    System.out.println("password (shown once): " + password);
                }
                return 0;
            } catch (DomainException e) {
                System.err.println("cannot create the user: " + e.getMessage());
                return 1;
            }
        }

        private static String readPassword() {
            try {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                return line == null ? "" : line;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String generatedPassword() {
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
