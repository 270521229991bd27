package io.jenkins.plugins.ecsdeploy.core.fakeaws;

/**
 * The environment configuration of the fake's standard environment, in pieces; {@code ${endpoint}} stands for the
 * fake's address ({@link FakeAws#endpoint()}).
 */
public final class StandardConfig {

    /** Both slots, the production and test listeners, one smoke check (retried twice), one-minute analysis. */
    public static final String BASE = """
            name: prod-web
            region: us-east-1
            endpointUrl: ${endpoint}
            cluster: prod
            container: app
            slots:
              blue: {service: web-blue, targetGroup: web-blue}
              green: {service: web-green, targetGroup: web-green}
            listener: {loadBalancer: web-alb, port: 443}
            testListener: {loadBalancer: web-alb, port: 8443}
            smokeChecks:
              - url: http://127.0.0.1:9/health
                retries: 2
                retryDelay: 5s
            analysis:
              interval: 60s
            """;

    /** Ten-second polls, a one-minute bake, and the alarm {@code web-5xx}. */
    public static final String HEALTH = """
            health:
              pollInterval: 10s
              bakeTime: 1m
              alarms: [web-5xx]
            """;

    /** The standard zone's weighted records, with two endpoints of kind none: traffic only. */
    public static final String ROUTE53 = """
            name: api
            region: us-east-1
            endpointUrl: ${endpoint}
            route53:
              hostedZoneId: Z0FAKEZONE0000000001
              recordName: api.example.com
              recordType: CNAME
              setIdentifiers: {blue: api-blue, green: api-green}
            slots:
              kind: none
            analysis: {noData: PASS, minRequests: 0}
            """;

    /** The standard zone's weighted records in front of the standard App Runner services api-blue and api-green. */
    public static final String APP_RUNNER = ROUTE53.replace("  kind: none\n",
            "  kind: appRunner\n  blue: {service: api-blue}\n  green: {service: api-green}\n");

    private StandardConfig() {
    }
}
