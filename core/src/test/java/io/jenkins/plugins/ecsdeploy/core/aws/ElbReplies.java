package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.model.ResolvedEnvironment;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Canned ELBv2 XML replies, shaped like AWS's, built from small pieces. */
final class ElbReplies {

    static final String NS = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";

    static final String LB_ARN =
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188";
    static final String LISTENER_ARN =
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2";
    static final String TEST_LISTENER_ARN =
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/shop/50dc6c495c0c9188/0467ef3c8400ae65";
    static final String RULE_ARN = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener-rule/app/shop/"
            + "50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee";
    static final String BLUE_TG =
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/shop-blue/73e2d6bc24d8a067";
    static final String GREEN_TG =
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/shop-green/2453ed029918f21f";
    static final String OTHER_TG =
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/legacy/0a1b2c3d4e5f6a7b";

    private ElbReplies() {
    }

    static String response(String action, String result) {
        return "<" + action + "Response xmlns=\"" + NS + "\"><" + action + "Result>" + result + "</" + action
                + "Result><ResponseMetadata><RequestId>req-" + action + "</RequestId></ResponseMetadata></"
                + action + "Response>";
    }

    static String error(String code, String message) {
        return "<ErrorResponse xmlns=\"" + NS + "\"><Error><Type>Sender</Type><Code>" + code + "</Code><Message>"
                + message + "</Message></Error><RequestId>req-error</RequestId></ErrorResponse>";
    }

    /** A weighted target group entry inside a forward action. */
    static String tg(String arn, int weight) {
        return "<member><TargetGroupArn>" + arn + "</TargetGroupArn><Weight>" + weight + "</Weight></member>";
    }

    /** A forward action with a ForwardConfig over the given {@link #tg} entries. */
    static String forward(int order, String stickiness, String... groups) {
        return "<member><Type>forward</Type><Order>" + order + "</Order><ForwardConfig><TargetGroups>"
                + String.join("", groups) + "</TargetGroups>" + stickiness + "</ForwardConfig></member>";
    }

    /** The older forward action form: a single TargetGroupArn and no ForwardConfig. */
    static String singleForward(String arn) {
        return "<member><Type>forward</Type><Order>1</Order><TargetGroupArn>" + arn + "</TargetGroupArn></member>";
    }

    static String stickiness(boolean enabled, int seconds) {
        return "<TargetGroupStickinessConfig><Enabled>" + enabled + "</Enabled><DurationSeconds>" + seconds
                + "</DurationSeconds></TargetGroupStickinessConfig>";
    }

    static String noStickiness() {
        return "";
    }

    /** An OIDC authenticate action as AWS describes it: without the client secret. */
    static String authenticateOidc(int order) {
        return "<member><Type>authenticate-oidc</Type><Order>" + order + "</Order><AuthenticateOidcConfig>"
                + "<Issuer>https://idp.example.com</Issuer><AuthorizationEndpoint>https://idp.example.com/auth"
                + "</AuthorizationEndpoint><TokenEndpoint>https://idp.example.com/token</TokenEndpoint>"
                + "<UserInfoEndpoint>https://idp.example.com/userinfo</UserInfoEndpoint><ClientId>shop</ClientId>"
                + "</AuthenticateOidcConfig></member>";
    }

    static String fixedResponse() {
        return "<member><Type>fixed-response</Type><Order>1</Order><FixedResponseConfig><StatusCode>404"
                + "</StatusCode><ContentType>text/plain</ContentType></FixedResponseConfig></member>";
    }

    static String listener(String arn, int port, String... actions) {
        return "<member><ListenerArn>" + arn + "</ListenerArn><LoadBalancerArn>" + LB_ARN + "</LoadBalancerArn>"
                + "<Port>" + port + "</Port><Protocol>HTTP</Protocol><DefaultActions>" + String.join("", actions)
                + "</DefaultActions></member>";
    }

    static String describeListeners(String... listeners) {
        return response("DescribeListeners", "<Listeners>" + String.join("", listeners) + "</Listeners>");
    }

    static String rule(String arn, String priority, String... actions) {
        return "<member><RuleArn>" + arn + "</RuleArn><Priority>" + priority + "</Priority><IsDefault>"
                + "default".equals(priority) + "</IsDefault><Conditions/><Actions>" + String.join("", actions)
                + "</Actions></member>";
    }

    static String describeRules(String... rules) {
        return response("DescribeRules", "<Rules>" + String.join("", rules) + "</Rules>");
    }

    static String modifyRule() {
        return response("ModifyRule", "<Rules/>");
    }

    static String modifyListener() {
        return response("ModifyListener", "<Listeners/>");
    }

    static String describeTargetHealth(String... states) {
        String members = Arrays.stream(states)
                .map(s -> "<member><Target><Id>10.0.0." + s.length() + "</Id><Port>8080</Port></Target>"
                        + "<TargetHealth><State>" + s + "</State></TargetHealth></member>")
                .collect(Collectors.joining());
        return response("DescribeTargetHealth", "<TargetHealthDescriptions>" + members
                + "</TargetHealthDescriptions>");
    }

    static String describeTargetGroups(String arn, String name) {
        return response("DescribeTargetGroups", "<TargetGroups><member><TargetGroupArn>" + arn
                + "</TargetGroupArn><TargetGroupName>" + name + "</TargetGroupName><Protocol>HTTP</Protocol>"
                + "<Port>8080</Port><TargetType>ip</TargetType><LoadBalancerArns><member>" + LB_ARN
                + "</member></LoadBalancerArns></member></TargetGroups>");
    }

    static String describeLoadBalancers(String arn, String name) {
        return response("DescribeLoadBalancers", "<LoadBalancers><member><LoadBalancerArn>" + arn
                + "</LoadBalancerArn><LoadBalancerName>" + name + "</LoadBalancerName><Type>application</Type>"
                + "<State><Code>active</Code></State></member></LoadBalancers>");
    }

    /** The environment these replies describe, steering {@code ruleArn} (or the listener), with a test listener. */
    static ResolvedEnvironment environment(String ruleArn, String testListenerArn) {
        return new ResolvedEnvironment(EcsReplies.CLUSTER_ARN, "shop-blue", "shop-green", BLUE_TG, GREEN_TG, LB_ARN,
                LISTENER_ARN, ruleArn, testListenerArn, null);
    }
}
