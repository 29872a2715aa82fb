package jp.madoguchi.cache;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;

/**
 * Another process that takes the outbox's write lock (BEGIN EXCLUSIVE) and holds it until a line
 * arrives on stdin. Prints LOCKED once it holds it.
 */
public final class LockHolderMain {
    private LockHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + args[0])) {
            c.setAutoCommit(true);
            c.createStatement().execute("BEGIN EXCLUSIVE");
            c.createStatement().executeUpdate("insert into store_meta values ('lock_holder', 'x')");
            System.out.println("LOCKED");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            c.createStatement().execute("ROLLBACK");
        }
    }
}
