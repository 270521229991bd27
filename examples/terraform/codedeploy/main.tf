# An ECS Fargate service deployed by CodeDeploy blue/green, matching examples/codedeploy-environment.yaml:
# application "shop", deployment group "shop-production", target groups shop-blue / shop-green behind the
# production listener (443) and the test listener (8443), alarm shop-5xx, wait at the ready point, and a
# 60-minute termination wait (the window of the instant listener rollback).
#
# Inputs: an existing VPC, two private subnets, an ACM certificate, and the ECS task execution role.

variable "region" { default = "eu-west-1" }
variable "vpc_id" {}
variable "subnet_ids" { type = list(string) }
variable "certificate_arn" {}
variable "execution_role_arn" {}
variable "image" { default = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop:v1.0.0" }

provider "aws" { region = var.region }

resource "aws_ecs_cluster" "shop" { name = "shop" }

resource "aws_security_group" "shop" {
  name   = "shop"
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

resource "aws_lb_listener" "production" {
  load_balancer_arn = aws_lb.shop.arn
  port              = 443
  protocol          = "HTTPS"
  certificate_arn   = var.certificate_arn
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.slot["shop-blue"].arn
  }
  # CodeDeploy rewrites the forward action at every deployment.
  lifecycle { ignore_changes = [default_action] }
}

resource "aws_lb_listener" "test" {
  load_balancer_arn = aws_lb.shop.arn
  port              = 8443
  protocol          = "HTTPS"
  certificate_arn   = var.certificate_arn
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.slot["shop-green"].arn
  }
  lifecycle { ignore_changes = [default_action] }
}

resource "aws_ecs_task_definition" "shop" {
  family                   = "shop"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 512
  memory                   = 1024
  execution_role_arn       = var.execution_role_arn
  container_definitions = jsonencode([{
    name         = "web"
    image        = var.image
    essential    = true
    portMappings = [{ containerPort = 8080, protocol = "tcp" }]
  }])
}

resource "aws_ecs_service" "shop" {
  name             = "shop"
  cluster          = aws_ecs_cluster.shop.id
  task_definition  = aws_ecs_task_definition.shop.arn
  desired_count    = 2
  launch_type      = "FARGATE"
  platform_version = "1.4.0"
  deployment_controller { type = "CODE_DEPLOY" }
  network_configuration {
    subnets         = var.subnet_ids
    security_groups = [aws_security_group.shop.id]
  }
  load_balancer {
    target_group_arn = aws_lb_target_group.slot["shop-blue"].arn
    container_name   = "web"
    container_port   = 8080
  }
  # CodeDeploy owns the task sets: later revisions come from ecs-deploy, not from Terraform.
  lifecycle { ignore_changes = [task_definition, load_balancer] }
  depends_on = [aws_lb_listener.production]
}

resource "aws_cloudwatch_metric_alarm" "shop_5xx" {
  alarm_name          = "shop-5xx"
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

data "aws_iam_policy_document" "codedeploy_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["codedeploy.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "codedeploy" {
  name               = "shop-codedeploy"
  assume_role_policy = data.aws_iam_policy_document.codedeploy_assume.json
}

resource "aws_iam_role_policy_attachment" "codedeploy" {
  role       = aws_iam_role.codedeploy.name
  policy_arn = "arn:aws:iam::aws:policy/AWSCodeDeployRoleForECS"
}

resource "aws_codedeploy_app" "shop" {
  name             = "shop"
  compute_platform = "ECS"
}

resource "aws_codedeploy_deployment_group" "production" {
  app_name               = aws_codedeploy_app.shop.name
  deployment_group_name  = "shop-production"
  deployment_config_name = "CodeDeployDefault.ECSAllAtOnce"
  service_role_arn       = aws_iam_role.codedeploy.arn

  deployment_style {
    deployment_type   = "BLUE_GREEN"
    deployment_option = "WITH_TRAFFIC_CONTROL"
  }

  blue_green_deployment_config {
    deployment_ready_option {
      # Wait at the ready point until ecs-deploy (a switch) continues the deployment.
      action_on_timeout    = "STOP_DEPLOYMENT"
      wait_time_in_minutes = 60
    }
    terminate_blue_instances_on_deployment_success {
      action                           = "TERMINATE"
      termination_wait_time_in_minutes = 60
    }
  }

  auto_rollback_configuration {
    enabled = true
    events  = ["DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM"]
  }

  alarm_configuration {
    enabled = true
    alarms  = [aws_cloudwatch_metric_alarm.shop_5xx.alarm_name]
  }

  ecs_service {
    cluster_name = aws_ecs_cluster.shop.name
    service_name = aws_ecs_service.shop.name
  }

  load_balancer_info {
    target_group_pair_info {
      prod_traffic_route { listener_arns = [aws_lb_listener.production.arn] }
      test_traffic_route { listener_arns = [aws_lb_listener.test.arn] }
      target_group { name = aws_lb_target_group.slot["shop-blue"].name }
      target_group { name = aws_lb_target_group.slot["shop-green"].name }
    }
  }
}

output "environment_file" {
  value = "examples/codedeploy-environment.yaml (application shop, deploymentGroup shop-production, container web, containerPort 8080)"
}
