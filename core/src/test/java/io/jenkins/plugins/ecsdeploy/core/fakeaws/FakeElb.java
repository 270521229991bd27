package io.jenkins.plugins.ecsdeploy.core.fakeaws;

import static io.jenkins.plugins.ecsdeploy.core.fakeaws.WireFormat.list;
import static io.jenkins.plugins.ecsdeploy.core.fakeaws.WireFormat.members;

import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState.Action;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState.Listener;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState.Rule;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState.Service;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState.Task;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState.TargetGroup;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState.Weighted;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.WireFormat.Xml;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The ELBv2 actions the deployments use, answered from and applied to {@link FakeAwsState}. */
final class FakeElb {

    private static final java.util.regex.Pattern TAG_TEXT = java.util.regex.Pattern.compile(
            "^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$");

    /** Answers one action with the content of its {@code <ActionResult>} element. */
    String handle(String action, Map<String, String> p, FakeAwsState s) {
        return switch (action) {
            case "DescribeLoadBalancers" -> describeLoadBalancers(p, s);
            case "DescribeListeners" -> describeListeners(p, s);
            case "DescribeRules" -> describeRules(p, s);
            case "DescribeTargetGroups" -> describeTargetGroups(p, s);
            case "DescribeTargetHealth" -> describeTargetHealth(p, s);
            case "ModifyListener" -> modifyListener(p, s);
            case "ModifyRule" -> modifyRule(p, s);
            case "AddTags" -> addTags(p, s);
            case "RemoveTags" -> removeTags(p, s);
            case "DescribeTags" -> describeTags(p, s);
            default -> throw AwsError.client("InvalidAction", "The action " + action + " is not valid for this web "
                    + "service (the fake ELBv2 does not implement it).");
        };
    }

    private String describeLoadBalancers(Map<String, String> p, FakeAwsState s) {
        List<FakeAwsState.LoadBalancer> found = new ArrayList<>();
        List<String> names = list(p, "Names");
        List<String> arns = list(p, "LoadBalancerArns");
        for (FakeAwsState.LoadBalancer lb : s.loadBalancers.values()) {
            if ((names.isEmpty() && arns.isEmpty()) || names.contains(lb.name) || arns.contains(lb.arn)) {
                found.add(lb);
            }
        }
        if (found.size() < names.size() + arns.size()) {
            throw AwsError.client("LoadBalancerNotFound", "One or more load balancers not found");
        }
        return new Xml().list("LoadBalancers", found, (xml, lb) -> xml
                .leaf("LoadBalancerArn", lb.arn)
                .leaf("DNSName", lb.name + "-1234567890." + s.region + ".elb.amazonaws.com")
                .leaf("LoadBalancerName", lb.name)
                .leaf("Scheme", "internet-facing")
                .leaf("VpcId", "vpc-0fake")
                .element("State", st -> st.leaf("Code", "active"))
                .leaf("Type", "application")
                .leaf("IpAddressType", "ipv4")).toString();
    }

    private String describeListeners(Map<String, String> p, FakeAwsState s) {
        List<Listener> found = new ArrayList<>();
        String lbArn = p.get("LoadBalancerArn");
        if (lbArn != null) {
            if (!s.loadBalancers.containsKey(lbArn)) {
                throw AwsError.client("LoadBalancerNotFound", "Load balancer '" + lbArn + "' not found");
            }
            s.listeners.values().stream().filter(l -> l.loadBalancerArn.equals(lbArn)).forEach(found::add);
        } else {
            List<String> arns = list(p, "ListenerArns");
            if (arns.isEmpty()) {
                throw AwsError.client("ValidationError", "A load balancer ARN or listener ARNs must be specified");
            }
            arns.forEach(arn -> found.add(listener(s, arn)));
        }
        return new Xml().list("Listeners", found, (xml, l) -> writeListener(xml, l)).toString();
    }

    private static void writeListener(Xml xml, Listener l) {
        xml.leaf("ListenerArn", l.arn).leaf("LoadBalancerArn", l.loadBalancerArn)
                .leaf("Port", l.port).leaf("Protocol", l.protocol);
        xml.list("DefaultActions", l.actions, FakeElb::writeAction);
    }

    private String describeRules(Map<String, String> p, FakeAwsState s) {
        List<Rule> found = new ArrayList<>();
        String listenerArn = p.get("ListenerArn");
        if (listenerArn != null) {
            listener(s, listenerArn);
            s.rules.values().stream().filter(r -> r.listenerArn.equals(listenerArn))
                    .sorted(Comparator.comparing((Rule r) -> r.isDefault)
                            .thenComparing(r -> r.isDefault ? 0 : Integer.parseInt(r.priority)))
                    .forEach(found::add);
        } else {
            List<String> arns = list(p, "RuleArns");
            if (arns.isEmpty()) {
                throw AwsError.client("ValidationError", "A listener ARN or rule ARNs must be specified");
            }
            arns.forEach(arn -> found.add(rule(s, arn)));
        }
        return new Xml().list("Rules", found, (xml, r) -> {
            xml.leaf("RuleArn", r.arn).leaf("Priority", r.priority);
            xml.list("Conditions", r.pathPatterns.isEmpty() ? List.<String>of() : List.of("path-pattern"),
                    (c, field) -> c.leaf("Field", field).strings("Values", r.pathPatterns)
                            .element("PathPatternConfig", pc -> pc.strings("Values", r.pathPatterns)));
            List<Action> actions = r.isDefault ? s.listeners.get(r.listenerArn).actions : r.actions;
            xml.list("Actions", actions, FakeElb::writeAction).leaf("IsDefault", r.isDefault);
        }).toString();
    }

    private String describeTargetGroups(Map<String, String> p, FakeAwsState s) {
        List<String> names = list(p, "Names");
        List<String> arns = list(p, "TargetGroupArns");
        String lbArn = p.get("LoadBalancerArn");
        if (lbArn != null && !s.loadBalancers.containsKey(lbArn)) {
            throw AwsError.client("LoadBalancerNotFound", "Load balancer '" + lbArn + "' not found");
        }
        List<TargetGroup> found = new ArrayList<>();
        for (TargetGroup tg : s.targetGroups.values()) {
            boolean all = names.isEmpty() && arns.isEmpty()
                    && (lbArn == null || loadBalancersOf(s, tg.arn).contains(lbArn));
            if (all || names.contains(tg.name) || arns.contains(tg.arn)) {
                found.add(tg);
            }
        }
        if (found.size() < names.size() + arns.size()) {
            throw AwsError.client("TargetGroupNotFound", "One or more target groups not found");
        }
        return new Xml().list("TargetGroups", found, (xml, tg) -> xml
                .leaf("TargetGroupArn", tg.arn).leaf("TargetGroupName", tg.name)
                .leaf("Protocol", "HTTP").leaf("Port", tg.port).leaf("VpcId", "vpc-0fake")
                .leaf("HealthCheckProtocol", "HTTP").leaf("HealthCheckPort", "traffic-port")
                .leaf("HealthCheckEnabled", true).leaf("HealthCheckPath", "/health")
                .element("Matcher", m -> m.leaf("HttpCode", "200"))
                .strings("LoadBalancerArns", loadBalancersOf(s, tg.arn))
                .leaf("TargetType", "ip")).toString();
    }

    private static List<String> loadBalancersOf(FakeAwsState s, String targetGroupArn) {
        return s.listeners.values().stream()
                .filter(l -> l.actions.stream().flatMap(a -> a.targetGroups.stream())
                        .anyMatch(w -> w.targetGroupArn.equals(targetGroupArn)))
                .map(l -> l.loadBalancerArn).distinct().toList();
    }

    /** Every running task of the services registered in the group is a target; each call ages them by one. */
    private String describeTargetHealth(Map<String, String> p, FakeAwsState s) {
        TargetGroup tg = targetGroup(s, p.get("TargetGroupArn"));
        List<Task> tasks = new ArrayList<>();
        for (Service service : s.services.values()) {
            for (Task task : service.tasks) {
                if (tg.arn.equals(task.targetGroupArn != null ? task.targetGroupArn : service.targetGroupArn)) {
                    tasks.add(task);
                }
            }
        }
        for (FakeAwsState.TaskSet taskSet : s.taskSets) {
            if (tg.arn.equals(taskSet.targetGroupArn)) {
                tasks.addAll(taskSet.tasks);
            }
        }
        Xml xml = new Xml().list("TargetHealthDescriptions", tasks, (d, task) -> {
            d.element("Target", t -> t.leaf("Id", task.ip).leaf("Port", tg.port)
                    .leaf("AvailabilityZone", s.region + "a"));
            d.leaf("HealthCheckPort", tg.port);
            d.element("TargetHealth", h -> {
                if (tg.unhealthy) {
                    h.leaf("State", "unhealthy").leaf("Reason", "Target.ResponseCodeMismatch")
                            .leaf("Description", "Health checks failed with these codes: [502]");
                } else if (task.healthPolls < s.healthyAfterPolls) {
                    h.leaf("State", "initial").leaf("Reason", "Elb.RegistrationInProgress")
                            .leaf("Description", "Target registration is in progress");
                } else {
                    h.leaf("State", "healthy");
                }
            });
        });
        tasks.forEach(task -> task.healthPolls++);
        return xml.toString();
    }

    private String modifyListener(Map<String, String> p, FakeAwsState s) {
        Listener l = listener(s, p.get("ListenerArn"));
        if (!members(p, "DefaultActions").isEmpty()) {
            l.actions = actions(p, "DefaultActions", s);
        }
        if (p.containsKey("Port")) {
            l.port = Integer.parseInt(p.get("Port"));
        }
        return new Xml().list("Listeners", List.of(l), FakeElb::writeListener).toString();
    }

    private String modifyRule(Map<String, String> p, FakeAwsState s) {
        Rule r = rule(s, p.get("RuleArn"));
        if (r.isDefault) {
            throw AwsError.client("OperationNotPermitted",
                    "Default rule '" + r.arn + "' cannot be modified; modify the listener's default actions");
        }
        if (!members(p, "Actions").isEmpty()) {
            r.actions = actions(p, "Actions", s);
        }
        String field = p.get("Conditions.member.1.Field");
        if ("path-pattern".equals(field)) {
            List<String> values = list(p, "Conditions.member.1.PathPatternConfig.Values");
            r.pathPatterns = values.isEmpty() ? list(p, "Conditions.member.1.Values") : values;
        }
        return describeRules(Map.of("RuleArns.member.1", r.arn), s);
    }

    private static List<Action> actions(Map<String, String> p, String name, FakeAwsState s) {
        List<Action> result = new ArrayList<>();
        for (String prefix : members(p, name)) {
            Action action = new Action();
            action.type = p.get(prefix + ".Type");
            action.order = p.containsKey(prefix + ".Order") ? Integer.valueOf(p.get(prefix + ".Order")) : null;
            for (String tuple : members(p, prefix + ".ForwardConfig.TargetGroups")) {
                String weight = p.get(tuple + ".Weight");
                action.targetGroups.add(new Weighted(p.get(tuple + ".TargetGroupArn"),
                        weight == null ? 1 : Integer.parseInt(weight)));
            }
            String single = p.get(prefix + ".TargetGroupArn");
            if (single != null && action.targetGroups.isEmpty()) {
                action.targetGroups.add(new Weighted(single, 1));
            }
            for (Weighted w : action.targetGroups) {
                targetGroup(s, w.targetGroupArn);
                if (w.weight < 0 || w.weight > 999) {
                    throw AwsError.client("ValidationError", "Target group weight " + w.weight
                            + " is not between 0 and 999");
                }
            }
            result.add(action);
        }
        return result;
    }

    /** Writes an action the way ELB describes it: the forward config always, the single group also on its own. */
    private static void writeAction(Xml xml, Action a) {
        xml.leaf("Type", a.type);
        if (a.targetGroups.size() == 1) {
            xml.leaf("TargetGroupArn", a.targetGroups.get(0).targetGroupArn);
        }
        xml.leaf("Order", a.order);
        if ("forward".equals(a.type)) {
            xml.element("ForwardConfig", fc -> fc
                    .list("TargetGroups", a.targetGroups, (t, w) -> t
                            .leaf("TargetGroupArn", w.targetGroupArn).leaf("Weight", w.weight))
                    .element("TargetGroupStickinessConfig", st -> st.leaf("Enabled", false)));
        }
    }

    private String addTags(Map<String, String> p, FakeAwsState s) {
        for (String arn : resources(p, s)) {
            Map<String, String> tags = s.tags.computeIfAbsent(arn, a -> new LinkedHashMap<>());
            for (String tag : members(p, "Tags")) {
                String key = p.get(tag + ".Key");
                String value = p.getOrDefault(tag + ".Value", "");
                requireTagText("key", key, 128);
                requireTagText("value", value, 256);
                tags.put(key, value);
            }
        }
        return "";
    }

    /** ELB's constraints on tag keys and values (the API reference's Tag shape). */
    private static void requireTagText(String what, String text, int maxLength) {
        if (text == null || text.length() > maxLength || !TAG_TEXT.matcher(text).matches()) {
            throw AwsError.client("ValidationError", "Tag " + what + " '" + text + "' must be at most " + maxLength
                    + " characters matching " + TAG_TEXT.pattern());
        }
    }

    private String removeTags(Map<String, String> p, FakeAwsState s) {
        for (String arn : resources(p, s)) {
            list(p, "TagKeys").forEach(key -> s.tags.getOrDefault(arn, new LinkedHashMap<>()).remove(key));
        }
        return "";
    }

    private String describeTags(Map<String, String> p, FakeAwsState s) {
        return new Xml().list("TagDescriptions", resources(p, s), (xml, arn) -> xml
                .leaf("ResourceArn", arn)
                .list("Tags", s.tags.getOrDefault(arn, Map.of()).entrySet(),
                        (t, e) -> t.leaf("Key", e.getKey()).leaf("Value", e.getValue()))).toString();
    }

    private static List<String> resources(Map<String, String> p, FakeAwsState s) {
        List<String> arns = list(p, "ResourceArns");
        for (String arn : arns) {
            if (!s.knownArns().contains(arn)) {
                throw notFound(arn);
            }
        }
        return arns;
    }

    private static AwsError notFound(String arn) {
        Function<String, AwsError> error = code -> AwsError.client(code, "'" + arn + "' not found");
        if (arn.contains(":listener-rule/")) {
            return error.apply("RuleNotFound");
        }
        if (arn.contains(":listener/")) {
            return error.apply("ListenerNotFound");
        }
        if (arn.contains(":targetgroup/")) {
            return error.apply("TargetGroupNotFound");
        }
        return error.apply("LoadBalancerNotFound");
    }

    private static Listener listener(FakeAwsState s, String arn) {
        Listener l = arn == null ? null : s.listeners.get(arn);
        if (l == null) {
            throw AwsError.client("ListenerNotFound", "One or more listeners not found");
        }
        return l;
    }

    private static Rule rule(FakeAwsState s, String arn) {
        Rule r = arn == null ? null : s.rules.get(arn);
        if (r == null) {
            throw AwsError.client("RuleNotFound", "One or more rules not found");
        }
        return r;
    }

    private static TargetGroup targetGroup(FakeAwsState s, String arn) {
        TargetGroup tg = arn == null ? null : s.targetGroups.get(arn);
        if (tg == null) {
            throw AwsError.client("TargetGroupNotFound", "Target groups '" + arn + "' not found");
        }
        return tg;
    }
}
