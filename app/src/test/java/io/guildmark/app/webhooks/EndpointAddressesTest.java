package io.guildmark.app.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;

import io.guildmark.app.shared.Problem;
import org.junit.jupiter.api.Test;

/** Endpoint addresses: https to public addresses only, unless the operator allows private networks. */
class EndpointAddressesTest {

    static final Map<String, String> DNS = Map.of(
            "hooks.example.org", "93.184.216.34",
            "internal.example.org", "10.0.0.5",
            "metadata.example.org", "169.254.169.254",
            "sneaky.example.org", "::ffff:192.168.1.1",
            "localhost", "127.0.0.1",
            "127.0.0.1", "127.0.0.1");

    static InetAddress[] resolve(String host) throws UnknownHostException {
        String ip = DNS.get(host);
        if (ip == null) throw new UnknownHostException(host);
        return new InetAddress[] {InetAddress.getByName(ip)};
    }

    final EndpointAddresses strict = new EndpointAddresses(false, EndpointAddressesTest::resolve);
    final EndpointAddresses lenient = new EndpointAddresses(true, EndpointAddressesTest::resolve);

    @Test
    void aPublicHttpsAddressIsAccepted() {
        assertThat(strict.check("https://hooks.example.org/in?x=1")).isEqualTo(URI.create("https://hooks.example.org/in?x=1"));
    }

    @Test
    void privateLoopbackLinkLocalAndMappedAddressesAreRefusedWhenNotAllowed() {
        assertThat(message("https://internal.example.org/in")).contains("10.0.0.5", "private network");
        assertThat(message("https://metadata.example.org/latest")).contains("link-local");
        assertThat(message("https://sneaky.example.org/")).contains("private network");
        assertThat(message("https://localhost/")).contains("loopback");
        assertThat(message("https://[::1]/")).isNotBlank();
        assertThat(message("http://127.0.0.1:9000/hooks")).contains("https");
    }

    @Test
    void theOperatorMayAllowPrivateNetworksButPlainHttpOnlyToLoopback() {
        assertThat(lenient.check("https://internal.example.org/in").getHost()).isEqualTo("internal.example.org");
        assertThat(lenient.check("http://127.0.0.1:9000/hooks").getPort()).isEqualTo(9000);
        assertThatThrownBy(() -> lenient.check("http://internal.example.org/in")).hasMessageContaining("loopback");
    }

    @Test
    void addressesThatAreNotWebAddressesAreRefused() {
        assertThat(message("ftp://hooks.example.org/")).contains("https");
        assertThat(message("https://hooks.example.org/" + "a".repeat(2000))).contains("2000");
        assertThat(message("https://user:pw@hooks.example.org/")).contains("user name");
        assertThat(message("https://nowhere.example.org/")).contains("does not exist");
        assertThat(message("   ")).contains("Give");
        assertThat(message("https://hooks example/")).contains("not a valid");
    }

    @Test
    void aDnsAnswerThatChangesToAPrivateAddressIsRefusedAtDeliveryTime() {
        assertThat(strict.refusal(URI.create("https://internal.example.org/in"))).contains("private network");
        assertThat(strict.refusal(URI.create("https://hooks.example.org/in"))).isNull();
    }

    private String message(String url) {
        try {
            strict.check(url);
        } catch (Problem problem) {
            return problem.fieldErrors().isEmpty() ? problem.getMessage() : problem.fieldErrors().get(0).message();
        }
        throw new AssertionError(url + " was accepted");
    }
}
