package jp.madoguchi.app.ui;

/** A registration that ends with {@link #close()}; closing twice is harmless. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {

    @Override
    void close();
}
