package jp.madoguchi.app.counter.workflow;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyPairGeneratorSpi;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The RSA-2048 key pairs of the reference central system's card factory and CA, generated once per test
 * JVM and handed out again to every central a test fixture opens: each fixture calls {@link #rewind()}
 * before it opens its central, so within one central every key is still distinct (the n-th key it asks
 * for is the n-th key of the pool, generated on first demand), and the next central gets the same keys
 * in the same order instead of generating up to 40 new ones (about 0.23 s of CPU each; 22 centrals in the
 * app module's tests). The keys, certificates and signatures stay real; only their generation is shared,
 * as a card factory could well reuse a key source between test runs.
 *
 * <p>Only central's own key generation ({@code jp.madoguchi.sim.central.pki.Certificates}, RSA-2048 with
 * e = 65537) draws from the pool: the emulated card's on-card GENERATE, the workstation and everything
 * else in the JVM get fresh keys from the JDK's generator, which also makes the pooled keys. Installed as
 * the first JCA provider for "KeyPairGenerator.RSA" only; every other service falls through to the JDK's
 * providers. Thread-safe.
 */
public final class SharedCentralKeys {

    private static final String CENTRAL_KEYS = "jp.madoguchi.sim.central.pki.Certificates";
    private static final List<KeyPair> POOL = new ArrayList<>();
    private static int next;
    private static boolean installed;

    private SharedCentralKeys() {
    }

    /** The next central starts at the first key of the pool again. Call before opening a central. */
    public static synchronized void rewind() {
        if (!installed) {
            Security.insertProviderAt(new PoolProvider(), 1);
            installed = true;
        }
        next = 0;
    }

    private static synchronized KeyPair take(KeyPairGenerator fresh) {
        if (next == POOL.size()) {
            POOL.add(fresh.generateKeyPair());
        }
        return POOL.get(next++);
    }

    private static boolean calledByCentral() {
        return StackWalker.getInstance().walk(frames -> frames.anyMatch(f -> f.getClassName().equals(CENTRAL_KEYS)));
    }

    /** "KeyPairGenerator.RSA" and nothing else. */
    private static final class PoolProvider extends Provider {
        private static final long serialVersionUID = 1L;

        PoolProvider() {
            super("MadoguchiSharedCentralKeys", "1.0", "RSA-2048 keys of the reference central, shared between the centrals of one test JVM");
            putService(new Service(this, "KeyPairGenerator", "RSA", PooledGenerator.class.getName(), null, Map.of()) {
                @Override
                public Object newInstance(Object constructorParameter) {
                    return new PooledGenerator();
                }
            });
        }
    }

    /** The JDK's generator, except that central's RSA-2048/F4 keys come from the pool. */
    private static final class PooledGenerator extends KeyPairGeneratorSpi {
        private final KeyPairGenerator jdk;
        private boolean pooled = true; // the JDK's default size is 2048 with e = 65537

        PooledGenerator() {
            try {
                jdk = KeyPairGenerator.getInstance("RSA", "SunRsaSign");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK's RSA key generator is missing", e);
            }
        }

        @Override
        public void initialize(int keysize, SecureRandom random) {
            jdk.initialize(keysize, random);
            pooled = keysize == 2048;
        }

        @Override
        public void initialize(AlgorithmParameterSpec params, SecureRandom random) throws InvalidAlgorithmParameterException {
            jdk.initialize(params, random);
            pooled = params instanceof RSAKeyGenParameterSpec rsa && rsa.getKeysize() == 2048
                    && RSAKeyGenParameterSpec.F4.equals(rsa.getPublicExponent());
        }

        @Override
        public KeyPair generateKeyPair() {
            return pooled && calledByCentral() ? take(jdk) : jdk.generateKeyPair();
        }
    }
}
