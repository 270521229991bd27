package io.jenkins.plugins.ecsdeploy.core.fakeaws;

import java.io.StringReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Route 53 in its REST-XML protocol, the calls the weighted-record router, its preflight and its lock make: hosted
 * zones, record sets listed by name, change batches applied whole or not at all (UPSERT, CREATE, DELETE), changes
 * PENDING for {@link FakeAwsState#changePendingPolls} GetChange calls before INSYNC, and hosted-zone tags.
 */
final class FakeRoute53 {

    static final String PREFIX = "/2013-04-01/";
    static final String NAMESPACE = "https://route53.amazonaws.com/doc/2013-04-01/";

    private final Clock clock;

    FakeRoute53(Clock clock) {
        this.clock = clock;
    }

    /** The API action a request is, from its method and path. */
    static String action(String method, String path) {
        String p = path.substring(PREFIX.length());
        boolean post = method.equals("POST");
        if (p.startsWith("tags/hostedzone/")) {
            return post ? "ChangeTagsForResource" : "ListTagsForResource";
        }
        if (p.startsWith("change/")) {
            return "GetChange";
        }
        if (p.startsWith("hostedzone/") && p.contains("/rrset")) {
            return post ? "ChangeResourceRecordSets" : "ListResourceRecordSets";
        }
        return p.startsWith("hostedzone/") ? "GetHostedZone" : "Unknown";
    }

    String handle(String action, String url, String body, FakeAwsState s) {
        String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        Map<String, String> query = query(url);
        return switch (action) {
            case "GetHostedZone" -> getHostedZone(zone(s, segment(path, 2)));
            case "ListResourceRecordSets" -> list(zone(s, segment(path, 2)), query, s);
            case "ChangeResourceRecordSets" -> change(zone(s, segment(path, 2)), xml(body), s);
            case "GetChange" -> getChange(lastSegment(path), s);
            case "ListTagsForResource" -> listTags(zone(s, segment(path, 3)));
            case "ChangeTagsForResource" -> changeTags(zone(s, segment(path, 3)), xml(body));
            default -> throw AwsError.client("InvalidInput", "The fake Route 53 does not serve " + path);
        };
    }

    private static String getHostedZone(FakeAwsState.HostedZone zone) {
        return reply("GetHostedZoneResponse", new WireFormat.Xml().element("HostedZone", x -> x
                .leaf("Id", "/hostedzone/" + zone.id).leaf("Name", zone.name).leaf("CallerReference", "fake")
                .leaf("ResourceRecordSetCount", zone.records.size())));
    }

    private static String list(FakeAwsState.HostedZone zone, Map<String, String> query, FakeAwsState s) {
        String start = name(query.getOrDefault("name", "")) + "\u0000" + query.getOrDefault("type", "") + "\u0000"
                + query.getOrDefault("identifier", "");
        List<FakeAwsState.RecordSet> sorted = new ArrayList<>(zone.records);
        sorted.sort(Comparator.comparing(FakeAwsState.RecordSet::sortKey));
        List<FakeAwsState.RecordSet> from = sorted.stream().filter(r -> r.sortKey().compareTo(start) >= 0).toList();
        int size = Math.min(s.recordPageSize, from.size());
        WireFormat.Xml xml = new WireFormat.Xml().open("ResourceRecordSets");
        for (FakeAwsState.RecordSet r : from.subList(0, size)) {
            recordSet(xml, r);
        }
        xml.close("ResourceRecordSets").leaf("IsTruncated", size < from.size()).leaf("MaxItems", s.recordPageSize);
        if (size < from.size()) {
            FakeAwsState.RecordSet next = from.get(size);
            xml.leaf("NextRecordName", next.name).leaf("NextRecordType", next.type)
                    .leaf("NextRecordIdentifier", next.setIdentifier);
        }
        return reply("ListResourceRecordSetsResponse", xml);
    }

    private static void recordSet(WireFormat.Xml xml, FakeAwsState.RecordSet r) {
        xml.open("ResourceRecordSet").leaf("Name", r.name).leaf("Type", r.type).leaf("SetIdentifier",
                r.setIdentifier).leaf("Weight", r.weight).leaf("TTL", r.ttl);
        if (r.aliasDnsName != null) {
            xml.element("AliasTarget", a -> a.leaf("HostedZoneId", r.aliasZoneId).leaf("DNSName", r.aliasDnsName)
                    .leaf("EvaluateTargetHealth", true));
        } else {
            xml.open("ResourceRecords");
            for (String v : r.values) {
                xml.element("ResourceRecord", x -> x.leaf("Value", v));
            }
            xml.close("ResourceRecords");
        }
        xml.close("ResourceRecordSet");
    }

    /** Applies the batch to a copy of the zone's records and keeps the copy only when every change applies. */
    private String change(FakeAwsState.HostedZone zone, Document request, FakeAwsState s) {
        List<FakeAwsState.RecordSet> records = new ArrayList<>(zone.records);
        for (Element change : children(request.getDocumentElement(), "Change")) {
            String action = text(change, "Action");
            FakeAwsState.RecordSet r = parseRecordSet(children(change, "ResourceRecordSet").get(0));
            if (r.weight != null && (r.weight < 0 || r.weight > 255)) {
                throw AwsError.client("InvalidInput", "Weight " + r.weight + " is not between 0 and 255.");
            }
            Optional<FakeAwsState.RecordSet> existing = records.stream()
                    .filter(x -> x.sortKey().equals(r.sortKey())).findFirst();
            switch (action) {
                case "UPSERT" -> {
                    existing.ifPresent(records::remove);
                    records.add(r);
                }
                case "CREATE" -> {
                    if (existing.isPresent()) {
                        throw AwsError.client("InvalidChangeBatch", "Tried to create resource record set "
                                + r.name + " but it already exists");
                    }
                    records.add(r);
                }
                case "DELETE" -> records.remove(existing.orElseThrow(() -> AwsError.client("InvalidChangeBatch",
                        "Tried to delete resource record set " + r.name + " but it was not found")));
                default -> throw AwsError.client("InvalidInput", "Unknown change action " + action);
            }
        }
        zone.records = records;
        String id = "C" + s.nextId();
        s.changePolls.put(id, 0);
        return reply("ChangeResourceRecordSetsResponse", changeInfo(id, "PENDING"));
    }

    private String getChange(String id, FakeAwsState s) {
        String bare = id.substring(id.lastIndexOf('/') + 1);
        Integer polls = s.changePolls.get(bare);
        if (polls == null) {
            throw new AwsError(404, "NoSuchChange", "A change with the specified change ID does not exist.");
        }
        s.changePolls.put(bare, polls + 1);
        return reply("GetChangeResponse", changeInfo(bare, polls >= s.changePendingPolls ? "INSYNC" : "PENDING"));
    }

    private WireFormat.Xml changeInfo(String id, String status) {
        return new WireFormat.Xml().element("ChangeInfo", x -> x.leaf("Id", "/change/" + id).leaf("Status", status)
                .leaf("SubmittedAt", clock.instant().toString()));
    }

    private static String listTags(FakeAwsState.HostedZone zone) {
        WireFormat.Xml xml = new WireFormat.Xml().open("ResourceTagSet").leaf("ResourceType", "hostedzone")
                .leaf("ResourceId", zone.id).open("Tags");
        zone.tags.forEach((k, v) -> xml.element("Tag", t -> t.leaf("Key", k).leaf("Value", v)));
        return reply("ListTagsForResourceResponse", xml.close("Tags").close("ResourceTagSet"));
    }

    private static String changeTags(FakeAwsState.HostedZone zone, Document request) {
        for (Element tag : children(request.getDocumentElement(), "Tag")) {
            zone.tags.put(text(tag, "Key"), text(tag, "Value"));
        }
        for (Element key : children(request.getDocumentElement(), "Key")) {
            if (!"Tag".equals(key.getParentNode().getNodeName())) {
                zone.tags.remove(key.getTextContent());
            }
        }
        return reply("ChangeTagsForResourceResponse", new WireFormat.Xml());
    }

    private static FakeAwsState.RecordSet parseRecordSet(Element e) {
        FakeAwsState.RecordSet r = new FakeAwsState.RecordSet();
        r.name = name(text(e, "Name"));
        r.type = text(e, "Type");
        r.setIdentifier = text(e, "SetIdentifier");
        r.weight = text(e, "Weight") == null ? null : Long.valueOf(text(e, "Weight"));
        r.ttl = text(e, "TTL") == null ? null : Long.valueOf(text(e, "TTL"));
        for (Element value : children(e, "Value")) {
            r.values.add(value.getTextContent());
        }
        List<Element> alias = children(e, "AliasTarget");
        if (!alias.isEmpty()) {
            r.aliasZoneId = text(alias.get(0), "HostedZoneId");
            r.aliasDnsName = text(alias.get(0), "DNSName");
        }
        return r;
    }

    private static FakeAwsState.HostedZone zone(FakeAwsState s, String id) {
        String bare = id.substring(id.lastIndexOf('/') + 1);
        FakeAwsState.HostedZone zone = s.hostedZones.get(bare);
        if (zone == null) {
            throw new AwsError(404, "NoSuchHostedZone", "No hosted zone found with ID: " + bare);
        }
        return zone;
    }

    /** Lower case with the final dot, as Route 53 stores names. */
    static String name(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return lower.isEmpty() || lower.endsWith(".") ? lower : lower + ".";
    }

    private static String reply(String root, WireFormat.Xml content) {
        return "<?xml version=\"1.0\"?><" + root + " xmlns=\"" + NAMESPACE + "\">" + content + "</" + root + ">";
    }

    private static String segment(String path, int index) {
        return decode(path.substring(PREFIX.length()).split("/")[index - 1]);
    }

    private static String lastSegment(String path) {
        String decoded = decode(path.substring(PREFIX.length()));
        return decoded.substring(decoded.lastIndexOf('/') + 1);
    }

    private static Map<String, String> query(String url) {
        Map<String, String> out = new LinkedHashMap<>();
        int at = url.indexOf('?');
        if (at >= 0) {
            for (String pair : url.substring(at + 1).split("&")) {
                String[] kv = pair.split("=", 2);
                out.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
            }
        }
        return out;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static Document xml(String body) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(new InputSource(new StringReader(body)));
        } catch (Exception e) {
            throw AwsError.client("InvalidInput", "The request body is not XML: " + e.getMessage());
        }
    }

    private static List<Element> children(Element parent, String name) {
        NodeList nodes = parent.getElementsByTagName(name);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    private static String text(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e.getTextContent();
            }
        }
        return null;
    }
}
