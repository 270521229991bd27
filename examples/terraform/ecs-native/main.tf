# An ECS Fargate service deployed by ECS's own CANARY strategy, matching examples/ecs-native-environment.yaml:
# cluster "shop", service "shop-web" (container "app"), target groups shop-blue (primary) / shop-green
# (alternate), a production rule on the 443 listener and a test rule on the 8443 listener, deployment alarm
# shop-web-5xx with rollback, and the approval hook (examples/ecs-native/approval-hook) at
# POST_TEST_TRAFFIC_SHIFT.
#
# Needs an AWS provider with the ECS-native strategies (deployment_configuration.strategy, advanced_configuration;
# hashicorp/aws 6.x). Inputs: an existing VPC, two private subnets, an ACM certificate, the task execution role.

terraform {
  required_providers {
    aws     = { source = "hashicorp/aws", version = ">= 6.4" }
    archive = { source = "hashicorp/archive" }
  }
}

variable "region" { default = "eu-west-1" }
variable "vpc_id" {}
variable "subnet_ids" { type = list(string) }
variable "certificate_arn" {}
variable "execution_role_arn" {}
variable "image" { default = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop:v1.0.0" }

provider "aws" { region = var.region }

resource "aws_ecs_cluster" "shop" { name = "shop" }

resource "aws_security_group" "shop" {
  name   = "shop-web"
  vpc_id = var.vpc_id
  ingress {
    from_port   = 443
    to_port     = 8443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }
  ingress {
    from_port = 8080
    to_port   = 8080
    protocol  = "tcp"
    self      = true
  }
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_lb" "shop" {
  name               = "shop"
  internal           = true
  load_balancer_type = "application"
  subnets            = var.subnet_ids
  security_groups    = [aws_security_group.shop.id]
}

resource "aws_lb_target_group" "slot" {
  for_each    = toset(["shop-blue", "shop-green"])
  name        = each.key
  port        = 8080
  protocol    = "HTTP"
  target_type = "ip"
  vpc_id      = var.vpc_id
  health_check {
    path    = "/health"
    matcher = "200"
  }
}

resource "aws_lb_listener" "listener" {
  for_each          = { production = 443, test = 8443 }
  load_balancer_arn = aws_lb.shop.arn
  port              = each.value
  protocol          = "HTTPS"
  certificate_arn   = var.certificate_arn
  default_action {
    type = "fixed-response"
    fixed_response {
      content_type = "text/plain"
      status_code  = "404"
    }
  }
}

# The rules ECS shifts (weights blue 100 / green 0 to start). ecs-deploy reads the production rule's weights and
# keeps its deployment lock as a tag on it; its emergency rollback rewrites them.
resource "aws_lb_listener_rule" "shop" {
  for_each     = aws_lb_listener.listener
  listener_arn = each.value.arn
  priority     = 10
  condition {
    path_pattern { values = ["/*"] }
  }
  action {
    type = "forward"
    forward {
      target_group {
        arn    = aws_lb_target_group.slot["shop-blue"].arn
        weight = 100
      }
      target_group {
        arn    = aws_lb_target_group.slot["shop-green"].arn
        weight = 0
      }
    }
  }
  # ECS rewrites the weights at every deployment.
  lifecycle { ignore_changes = [action] }
}

resource "aws_ecs_task_definition" "shop" {
  family                   = "shop"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 512
  memory                   = 1024
  execution_role_arn       = var.execution_role_arn
  container_definitions = jsonencode([{
    name         = "app"
    image        = var.image
    essential    = true
    portMappings = [{ containerPort = 8080, protocol = "tcp" }]
  }])
}

resource "aws_cloudwatch_metric_alarm" "shop_5xx" {
  alarm_name          = "shop-web-5xx"
  namespace           = "AWS/ApplicationELB"
  metric_name         = "HTTPCode_Target_5XX_Count"
  dimensions          = { LoadBalancer = aws_lb.shop.arn_suffix }
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = 2
  threshold           = 20
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
}

# ECS's infrastructure role: lets ECS modify the listener rules and register targets during deployments.
data "aws_iam_policy_document" "ecs_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "ecs_load_balancers" {
  name               = "shop-ecs-load-balancers"
  assume_role_policy = data.aws_iam_policy_document.ecs_assume.json
}

resource "aws_iam_role_policy_attachment" "ecs_load_balancers" {
  role       = aws_iam_role.ecs_load_balancers.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonECSInfrastructureRolePolicyForLoadBalancers"
}

# The approval hook: answers IN_PROGRESS until ecs-deploy tags the service approved (or rejected).
data "archive_file" "approval_hook" {
  type        = "zip"
  source_file = "${path.module}/../../ecs-native/approval-hook/approval_hook.py"
  output_path = "${path.module}/approval_hook.zip"
}

data "aws_iam_policy_document" "lambda_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "approval_hook" {
  name               = "ecs-deploy-approval-hook"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json
}

resource "aws_iam_role_policy_attachment" "approval_hook_logs" {
  role       = aws_iam_role.approval_hook.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}

resource "aws_iam_role_policy" "approval_hook_tags" {
  role = aws_iam_role.approval_hook.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "ecs:ListTagsForResource"
      Resource = "arn:aws:ecs:${var.region}:*:service/shop/shop-web"
    }]
  })
}

resource "aws_lambda_function" "approval_hook" {
  function_name    = "ecs-deploy-approval"
  role             = aws_iam_role.approval_hook.arn
  runtime          = "python3.12"
  handler          = "approval_hook.handler"
  filename         = data.archive_file.approval_hook.output_path
  source_code_hash = data.archive_file.approval_hook.output_base64sha256
  timeout          = 10
}

# The role ECS uses to invoke the hook.
resource "aws_iam_role" "invoke_hook" {
  name               = "shop-ecs-invoke-approval-hook"
  assume_role_policy = data.aws_iam_policy_document.ecs_assume.json
}

resource "aws_iam_role_policy" "invoke_hook" {
  role = aws_iam_role.invoke_hook.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "lambda:InvokeFunction", Resource = aws_lambda_function.approval_hook.arn }]
  })
}

resource "aws_ecs_service" "shop" {
  name            = "shop-web"
  cluster         = aws_ecs_cluster.shop.id
  task_definition = aws_ecs_task_definition.shop.arn
  desired_count   = 2
  launch_type     = "FARGATE"
  deployment_controller { type = "ECS" }

  deployment_configuration {
    strategy             = "CANARY"
    bake_time_in_minutes = 10
    canary_configuration {
      canary_percent              = 10
      canary_bake_time_in_minutes = 10
    }
    lifecycle_hook {
      hook_target_arn  = aws_lambda_function.approval_hook.arn
      role_arn         = aws_iam_role.invoke_hook.arn
      lifecycle_stages = ["POST_TEST_TRAFFIC_SHIFT"]
      hook_details     = jsonencode({ timeoutMinutes = 60, callBackDelaySeconds = 30 })
    }
  }

  alarms {
    alarm_names = [aws_cloudwatch_metric_alarm.shop_5xx.alarm_name]
    enable      = true
    rollback    = true
  }

  network_configuration {
    subnets         = var.subnet_ids
    security_groups = [aws_security_group.shop.id]
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.slot["shop-blue"].arn
    container_name   = "app"
    container_port   = 8080
    advanced_configuration {
      alternate_target_group_arn = aws_lb_target_group.slot["shop-green"].arn
      production_listener_rule   = aws_lb_listener_rule.shop["production"].arn
      test_listener_rule         = aws_lb_listener_rule.shop["test"].arn
      role_arn                   = aws_iam_role.ecs_load_balancers.arn
    }
  }

  # Later revisions come from ecs-deploy (UpdateService), not from Terraform.
  lifecycle { ignore_changes = [task_definition] }
}

output "environment_file" {
  value = "examples/ecs-native-environment.yaml (cluster shop, ecsNative.service shop-web, container app, approvalHook ecs-deploy-approval)"
}
