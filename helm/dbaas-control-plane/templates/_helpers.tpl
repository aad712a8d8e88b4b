{{/* Names, labels and the pieces the three Deployments share. */}}

{{- define "dbaas.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "dbaas.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "dbaas.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The name of one service's objects: <fullname>-<component>, component being orion, nebula or gatekeeper.
Call with (dict "root" $ "component" "orion").
*/}}
{{- define "dbaas.componentName" -}}
{{- printf "%s-%s" (include "dbaas.fullname" .root | trunc 50 | trimSuffix "-") .component }}
{{- end }}

{{/*
app.kubernetes.io/name is the service's own name (orion-api, nebula-provisioner, gatekeeper-proxy): Nebula's
NetworkPolicies of database clusters select GateKeeper by app.kubernetes.io/name=gatekeeper-proxy. The helm test pod
is dbaas-helm-test: the chart's NetworkPolicies admit it by that name. The alert rules and dashboards are
dbaas-monitoring.
*/}}
{{- define "dbaas.appName" -}}
{{- get (dict "orion" "orion-api" "nebula" "nebula-provisioner" "gatekeeper" "gatekeeper-proxy" "test" "dbaas-helm-test" "monitoring" "dbaas-monitoring") .component }}
{{- end }}

{{- define "dbaas.selectorLabels" -}}
app.kubernetes.io/name: {{ include "dbaas.appName" . }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end }}

{{- define "dbaas.labels" -}}
helm.sh/chart: {{ include "dbaas.chart" .root }}
{{ include "dbaas.selectorLabels" . }}
app.kubernetes.io/component: {{ .component }}
app.kubernetes.io/part-of: dbaas-control-plane
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- end }}

{{- define "dbaas.image" -}}
{{- $values := index .root.Values .component }}
{{- $repository := $values.image.repository }}
{{- with .root.Values.image.registry }}
{{- $repository = printf "%s/%s" (trimSuffix "/" .) $repository }}
{{- end }}
{{- $tag := $values.image.tag | default .root.Values.image.tag | default .root.Chart.AppVersion }}
{{- printf "%s:%s" $repository $tag }}
{{- end }}

{{- define "dbaas.nebulaServiceAccountName" -}}
{{- .Values.nebula.serviceAccount.name | default (include "dbaas.componentName" (dict "root" . "component" "nebula")) }}
{{- end }}

{{/* Whether some region is the cluster the chart runs in: only then does Nebula get a token and a ClusterRole. */}}
{{- define "dbaas.anyRegionInCluster" -}}
{{- range .Values.regions }}{{ if (.kubernetes | default dict).inCluster }}true{{ end }}{{ end }}
{{- end }}

{{/* The references every Secret-consuming template needs, failing with the Secret to create when one is missing. */}}
{{- define "dbaas.keyEncryptionKeySecret" -}}
{{- required "keyEncryptionKey.existingSecret is required: create a Secret holding the key-encryption key (base64 of 32 random bytes, the same for Orion, Nebula and GateKeeper), e.g. kubectl create secret generic dbaas-key-encryption-key --from-literal=key-encryption-key=$(openssl rand -base64 32), and name it here" .Values.keyEncryptionKey.existingSecret }}
{{- end }}

{{- define "dbaas.orionDatabaseSecret" -}}
{{- required "orion.database.existingSecret is required: name an existing Secret with Orion's PostgreSQL user (keys orion.database.usernameKey and orion.database.passwordKey)" .Values.orion.database.existingSecret }}
{{- end }}

{{- define "dbaas.nebulaDatabaseSecret" -}}
{{- required "nebula.database.existingSecret is required: name an existing Secret with Nebula's PostgreSQL user (keys nebula.database.usernameKey and nebula.database.passwordKey); it may be Orion's" .Values.nebula.database.existingSecret }}
{{- end }}

{{- define "dbaas.orionAdminTokenSecret" -}}
{{- required "orion.bootstrapAdminToken.existingSecret is required: name an existing Secret holding the first administrator's token (dbm_<32 hex digits>_<secret>), e.g. kubectl create secret generic dbaas-orion-admin-token --from-literal=admin-token=dbm_$(openssl rand -hex 16)_$(openssl rand -hex 32)" .Values.orion.bootstrapAdminToken.existingSecret }}
{{- end }}

{{- define "dbaas.orionDatabaseUrl" -}}
{{- required "orion.database.url is required: the JDBC URL of the platform's PostgreSQL database, e.g. jdbc:postgresql://dbaas-postgres-rw.postgres:5432/dbaas" .Values.orion.database.url }}
{{- end }}

{{/* Environment every service gets: the key-encryption key, the Kafka secret properties, extraEnv. */}}
{{- define "dbaas.commonEnv" -}}
- name: DBAAS_KEY_ENCRYPTION_KEY
  valueFrom:
    secretKeyRef:
      name: {{ include "dbaas.keyEncryptionKeySecret" .root }}
      key: {{ .root.Values.keyEncryptionKey.key }}
{{- if .root.Values.kafka.sasl.enabled }}
{{- $user := include "dbaas.kafkaUser" . | fromYaml }}
# The service's own Kafka password; sasl.jaas.config in its ConfigMap names it as a placeholder.
- name: DBAAS_KAFKA_SASL_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $user.existingSecret }}
      key: {{ $user.passwordKey }}
{{- end }}
{{- range $index, $property := .root.Values.kafka.secretProperties }}
- name: {{ printf "DBAAS_KAFKA_SECRET_PROPERTY_%d" $index }}
  valueFrom:
    secretKeyRef:
      name: {{ required "kafka.secretProperties[].secretName is required" $property.secretName }}
      key: {{ required "kafka.secretProperties[].key is required" $property.key }}
{{- end }}
- name: SPRING_CONFIG_ADDITIONAL_LOCATION
  value: file:/etc/dbaas/config/application.yaml
{{- with .root.Values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- with (index .root.Values .component).extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
Spring properties of a service's Kafka clients. Call with (dict "root" $ "component" "orion"). Map keys of
spring.kafka.properties are written in brackets so that Spring keeps their dots; secret values are placeholders resolved
from the environment. With kafka.sasl each service logs in as its own principal (kafka.sasl.users.<component>); with
kafka.tls it trusts the CA certificate mounted from kafka.tls.caSecret. kafka.properties and kafka.secretProperties
come last, so an operator's explicit property wins.
*/}}
{{- define "dbaas.kafkaConfig" -}}
{{- $values := .root.Values.kafka }}
{{- $properties := dict }}
{{- if or $values.sasl.enabled $values.tls.enabled }}
{{- $_ := set $properties "[security.protocol]" (printf "%s%s" (ternary "SASL_" "" $values.sasl.enabled) (ternary "SSL" "PLAINTEXT" $values.tls.enabled)) }}
{{- end }}
{{- if $values.sasl.enabled }}
{{- $user := include "dbaas.kafkaUser" . | fromYaml }}
{{- $_ := set $properties "[sasl.mechanism]" $values.sasl.mechanism }}
{{- $_ := set $properties "[sasl.jaas.config]" (printf "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"%s\" password=\"${DBAAS_KAFKA_SASL_PASSWORD}\";" $user.username) }}
{{- end }}
{{- if $values.tls.enabled }}
{{- $_ := set $properties "[ssl.truststore.type]" "PEM" }}
{{- $_ := set $properties "[ssl.truststore.location]" (include "dbaas.kafkaCaFile" .root) }}
{{- end }}
{{- range $name, $value := $values.properties }}
{{- $_ := set $properties (printf "[%s]" $name) ($value | toString) }}
{{- end }}
{{- range $index, $property := $values.secretProperties }}
{{- $_ := set $properties (printf "[%s]" (required "kafka.secretProperties[].property is required" $property.property)) (printf "${DBAAS_KAFKA_SECRET_PROPERTY_%d}" $index) }}
{{- end }}
{{- $kafka := dict "bootstrap-servers" $values.bootstrapServers }}
{{- if $properties }}
{{- $_ := set $kafka "properties" $properties }}
{{- end }}
{{- if not $values.topics.create }}
{{- $_ := set $kafka "admin" (dict "auto-create" false) }}
{{- end }}
{{- toYaml (dict "spring" (dict "kafka" $kafka)) }}
{{- end }}

{{/* The Kafka principal of a component (kafka.sasl.users.<component>), failing with what to set when it is incomplete. */}}
{{- define "dbaas.kafkaUser" -}}
{{- $user := index .root.Values.kafka.sasl.users .component | default dict }}
{{- $where := printf "kafka.sasl.users.%s" .component }}
{{- toYaml (dict
  "username" (required (printf "%s.username is required with kafka.sasl.enabled: the service's own Kafka user (a KafkaUser of Strimzi, or a SCRAM user made with kafka-configs.sh)" $where) $user.username)
  "existingSecret" (required (printf "%s.existingSecret is required with kafka.sasl.enabled: the Secret holding that user's password (Strimzi's KafkaUser Secret is named like the user)" $where) $user.existingSecret)
  "passwordKey" ($user.passwordKey | default "password")) }}
{{- end }}

{{/* Where the Kafka brokers' CA certificate (PEM) is mounted in every service's container. */}}
{{- define "dbaas.kafkaCaFile" -}}
/etc/dbaas/kafka-tls/ca.crt
{{- end }}

{{/* Pod-level settings every Deployment shares. Call with (dict "root" $ "component" "orion"). */}}
{{- define "dbaas.podCommon" -}}
{{- $values := index .root.Values .component }}
{{- with .root.Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
securityContext:
  {{- toYaml .root.Values.podSecurityContext | nindent 2 }}
{{- with $values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/* Prometheus scrape annotations on the pod, on the management port. */}}
{{- define "dbaas.podAnnotations" -}}
checksum/config: {{ .checksum }}
{{- if .root.Values.metrics.podAnnotations }}
prometheus.io/scrape: "true"
prometheus.io/port: {{ .managementPort | quote }}
prometheus.io/path: /actuator/prometheus
{{- end }}
{{- with (index .root.Values .component).podAnnotations }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* Probes on the actuator health groups of the management port (a named container port). */}}
{{- define "dbaas.probes" -}}
# Orion and Nebula run their Flyway migrations at start: up to five minutes before liveness counts.
startupProbe:
  httpGet: {path: /actuator/health/liveness, port: management}
  periodSeconds: 5
  failureThreshold: 60
livenessProbe:
  httpGet: {path: /actuator/health/liveness, port: management}
  periodSeconds: 10
  timeoutSeconds: 3
  failureThreshold: 3
# Orion's readiness includes PostgreSQL, which may take its 2 s connection timeout to answer.
readinessProbe:
  httpGet: {path: /actuator/health/readiness, port: management}
  periodSeconds: 5
  timeoutSeconds: 3
  failureThreshold: 3
{{- end }}

{{- define "dbaas.containerCommon" -}}
image: {{ include "dbaas.image" . }}
imagePullPolicy: {{ .root.Values.image.pullPolicy }}
securityContext:
  {{- toYaml .root.Values.containerSecurityContext | nindent 2 }}
resources:
  {{- toYaml (index .root.Values .component).resources | nindent 2 }}
{{- end }}

{{/* /tmp is the only place written (read-only root file system); the configuration comes from the ConfigMap. */}}
{{- define "dbaas.volumeMounts" -}}
- name: tmp
  mountPath: /tmp
- name: config
  mountPath: /etc/dbaas/config
  readOnly: true
{{- if .root.Values.kafka.tls.enabled }}
- name: kafka-tls
  mountPath: {{ include "dbaas.kafkaCaFile" .root | dir }}
  readOnly: true
{{- end }}
{{- end }}

{{- define "dbaas.volumes" -}}
- name: tmp
  emptyDir: {}
- name: config
  configMap:
    name: {{ include "dbaas.componentName" . }}
{{- if .root.Values.kafka.tls.enabled }}
# Only the CA certificate, whatever else the Secret holds (Strimzi's cluster CA Secret also has a PKCS#12 copy).
- name: kafka-tls
  secret:
    secretName: {{ .root.Values.kafka.tls.caSecret.name }}
    items:
      - key: {{ .root.Values.kafka.tls.caSecret.key }}
        path: {{ include "dbaas.kafkaCaFile" .root | base }}
{{- end }}
{{- end }}

{{/* Preferred spreading over nodes for a component's replicas; "required" makes it a hard rule. */}}
{{- define "dbaas.antiAffinity" -}}
{{- $term := dict "topologyKey" "kubernetes.io/hostname" "labelSelector" (dict "matchLabels" (include "dbaas.selectorLabels" . | fromYaml)) }}
podAntiAffinity:
{{- if eq .mode "required" }}
  requiredDuringSchedulingIgnoredDuringExecution:
    {{- toYaml (list $term) | nindent 4 }}
{{- else }}
  preferredDuringSchedulingIgnoredDuringExecution:
    {{- toYaml (list (dict "weight" 100 "podAffinityTerm" $term)) | nindent 4 }}
{{- end }}
{{- end }}
