package io.jenkins.plugins.ecsdeploy.cli; public final class Main { public static void main(String[] a){} }
