# Two App Runner services (blue and green) behind a pair of Route 53 weighted records, as
# ../apprunner-route53.yaml describes them, and the IAM policy ecs-deploy needs to release, canary and roll back.
# Terraform owns the resources; ecs-deploy owns the records' weights and the services' image tags, so Terraform
# must not reset them on the next apply (the ignore_changes blocks).

variable "zone_id" {
  description = "The hosted zone holding record_name (route53.hostedZoneId)"
  default     = "Z0123456789ABCDEFGHIJ"
}

variable "image_repository" {
  description = "The ECR repository both services run, e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com/api"
}

variable "initial_tag" {
  description = "The image tag both services start with; later tags come from ecs-deploy"
  default     = "v1.0.0"
}

locals {
  record_name = "api.example.com" # route53.recordName
  # slots.<slot>.service, and route53.setIdentifiers.<slot> of the slot's weighted record
  services = { blue = "api-blue", green = "api-green" }
  ttl      = 60 # a canary refuses records cached longer than 300 s, or longer than one stage
}

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

resource "aws_iam_role" "apprunner_ecr" {
  name = "api-apprunner-ecr-access"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "build.apprunner.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy_attachment" "apprunner_ecr" {
  role       = aws_iam_role.apprunner_ecr.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSAppRunnerServicePolicyForECRAccess"
}

resource "aws_apprunner_service" "api" {
  for_each     = local.services
  service_name = each.value

  source_configuration {
    auto_deployments_enabled = false # deploys come from ecs-deploy
    authentication_configuration { access_role_arn = aws_iam_role.apprunner_ecr.arn }
    image_repository {
      image_identifier      = "${var.image_repository}:${var.initial_tag}"
      image_repository_type = "ECR"
      image_configuration { port = "8080" }
    }
  }

  health_check_configuration {
    protocol = "HTTP"
    path     = "/health"
  }

  lifecycle {
    # ecs-deploy changes the tag on each release, and pauses and resumes the services.
    ignore_changes = [source_configuration[0].image_repository[0].image_identifier]
  }
}

resource "aws_route53_record" "api" {
  for_each       = local.services
  zone_id        = var.zone_id
  name           = local.record_name
  type           = "CNAME" # route53.recordType
  ttl            = local.ttl
  set_identifier = each.value
  records        = [aws_apprunner_service.api[each.key].service_url]

  weighted_routing_policy {
    weight = each.key == "blue" ? 100 : 0 # the initial split only
  }

  lifecycle {
    ignore_changes = [weighted_routing_policy] # ecs-deploy moves the weights
  }
}

# What the user or role running ecs-deploy (Jenkins, the CLI) needs for this environment.
resource "aws_iam_policy" "deployer" {
  name = "api-production-ecs-deploy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Action = ["route53:GetHostedZone", "route53:ListResourceRecordSets", "route53:ChangeResourceRecordSets",
        "route53:ListTagsForResource", "route53:ChangeTagsForResource"]
        Resource = "arn:aws:route53:::hostedzone/${var.zone_id}"
      },
      { Effect = "Allow", Action = "route53:GetChange", Resource = "arn:aws:route53:::change/*" },
      { Effect = "Allow", Action = "apprunner:ListServices", Resource = "*" },
      {
        Effect = "Allow"
        Action = ["apprunner:DescribeService", "apprunner:ListOperations", "apprunner:UpdateService",
        "apprunner:PauseService", "apprunner:ResumeService"]
        Resource = [for s in aws_apprunner_service.api : s.arn]
      },
      { Effect = "Allow", Action = "iam:PassRole", Resource = aws_iam_role.apprunner_ecr.arn },
      { Effect = "Allow", Action = ["cloudwatch:GetMetricData", "cloudwatch:DescribeAlarms"], Resource = "*" }
    ]
  })
}
