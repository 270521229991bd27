#!/usr/bin/env python3
"""Seeds moto with a hosted zone and two weighted CNAME records for the Route 53 demo (scripts/demo-route53.sh),
and writes the environment file that matches them: slots of kind none, two endpoints already running.

The records are those the Terraform example in docs/route53.md creates: api.example.com, set identifiers
api-blue (weight 100) and api-green (weight 0), TTL 5 s (short, so the demo's canary waits only 5 s for caches).
"""
import argparse

import boto3


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--endpoint", required=True, help="moto's URL, e.g. http://127.0.0.1:5000")
    parser.add_argument("--output", required=True, help="where to write the environment YAML")
    parser.add_argument("--blue-health", required=True, help="health URL of the blue endpoint")
    parser.add_argument("--green-health", required=True, help="health URL of the green endpoint")
    args = parser.parse_args()

    route53 = boto3.client("route53", endpoint_url=args.endpoint, region_name="us-east-1")
    zone_id = route53.create_hosted_zone(Name="example.com", CallerReference="ecs-deploy-demo")["HostedZone"]["Id"]
    zone_id = zone_id.split("/")[-1]

    def weighted(set_id, weight, value):
        return {"Action": "UPSERT", "ResourceRecordSet": {
            "Name": "api.example.com", "Type": "CNAME", "SetIdentifier": set_id, "Weight": weight, "TTL": 5,
            "ResourceRecords": [{"Value": value}]}}

    route53.change_resource_record_sets(HostedZoneId=zone_id, ChangeBatch={"Changes": [
        weighted("api-blue", 100, "blue.example.net"), weighted("api-green", 0, "green.example.net")]})

    with open(args.output, "w", encoding="utf-8") as out:
        out.write(f"""# Written by scripts/seed-route53.py for the moto demo (scripts/demo-route53.sh).
name: api-demo
region: us-east-1
endpointUrl: {args.endpoint}
route53:
  hostedZoneId: {zone_id}
  recordName: api.example.com
  recordType: CNAME
  setIdentifiers: {{blue: api-blue, green: api-green}}
slots:
  kind: none
  blue: {{healthUrl: '{args.blue_health}'}}
  green: {{healthUrl: '{args.green_health}'}}
health:
  pollInterval: 2s
# No CloudWatch metrics name two arbitrary endpoints: intervals without data pass, alarms still gate.
analysis:
  noData: PASS
  minRequests: 0
""")
    print(f"Seeded zone {zone_id} with weighted records api.example.com (blue 100, green 0); wrote {args.output}")


if __name__ == "__main__":
    main()
