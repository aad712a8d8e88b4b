{{/*
The Spring configuration of each service, rendered into its ConfigMap and read as an additional config location on
top of the application.yaml in its jar. Secret values never appear here: they come from the environment (secretKeyRef),
a few through ${...} placeholders Spring resolves.
*/}}

{{/* NetworkPolicy peers of GateKeeper as Nebula binds them (kebab-case, label keys in brackets so Spring keeps dots and slashes). */}}
{{- define "dbaas.nebulaPeers" -}}
{{- $peers := dict }}
{{- $namespaceSelector := dict }}
{{- range $key, $value := .namespaceSelector }}{{ $_ := set $namespaceSelector (printf "[%s]" $key) $value }}{{ end }}
{{- $podSelector := dict }}
{{- range $key, $value := .podSelector }}{{ $_ := set $podSelector (printf "[%s]" $key) $value }}{{ end }}
{{- if $namespaceSelector }}{{ $_ := set $peers "namespace-selector" $namespaceSelector }}{{ end }}
{{- if $podSelector }}{{ $_ := set $peers "pod-selector" $podSelector }}{{ end }}
{{- with .ipBlocks }}{{ $_ := set $peers "ip-blocks" . }}{{ end }}
{{- toYaml $peers }}
{{- end }}

{{/*
Logs and traces, the same for the three services: JSON lines (logging.format json) and OTLP export of spans only when
tracing.otlpEndpoint is set; without it no exporter exists. Sampling applies either way (trace ids still reach logs).
*/}}
{{- define "dbaas.observabilityConfig" -}}
{{- $config := dict "management" (dict "tracing" (dict "sampling" (dict "probability" .Values.tracing.samplingProbability))) }}
{{- if eq .Values.logging.format "json" }}
{{- $_ := set $config "logging" (dict "structured" (dict "format" (dict "console" .Values.logging.jsonFormat))) }}
{{- end }}
{{- with .Values.tracing.otlpEndpoint }}
{{- $_ := set $config.management "opentelemetry" (dict "tracing" (dict "export" (dict "otlp" (dict "endpoint" .)))) }}
{{- end }}
{{- toYaml $config }}
{{- end }}

{{- define "dbaas.orionConfig" -}}
{{- $catalog := dict }}
{{- $capacity := dict }}
{{- range .Values.regions }}
{{- $offer := get $catalog .provider | default (dict "regions" list) }}
{{- $_ := set $offer "regions" (append $offer.regions .region) }}
{{- $_ := set $catalog .provider $offer }}
{{- end }}
{{- range .Values.regions }}
{{- if .capacity }}
{{- $sizes := get $capacity .provider | default dict }}
{{- $_ := set $sizes .region (dict "cpu" (.capacity.cpu | toString) "memory" (.capacity.memory | toString) "disk" (.capacity.disk | toString)) }}
{{- $_ := set $capacity .provider $sizes }}
{{- end }}
{{- end }}
{{- $orionCatalog := dict "providers" $catalog }}
{{- with .Values.orion.engines }}{{ $_ := set $orionCatalog "engines" . }}{{ end }}
{{- $orion := dict "endpoint-domain" .Values.domain "catalog" $orionCatalog "capacity" (dict "providers" $capacity) }}
{{- with .Values.orion.backups }}{{ $_ := set $orion "backups" . }}{{ end }}
{{- $config := dict
  "spring" (dict "datasource" (dict "url" (include "dbaas.orionDatabaseUrl" .)))
  "orion" $orion
  "dbaas" (dict "kafka" (dict "partitions" .Values.kafka.topics.partitions "replication-factor" .Values.kafka.topics.replicationFactor))
  "server" (dict "port" 8080)
  "management" (dict "server" (dict "port" 9080))
}}
{{- $config = mergeOverwrite $config (include "dbaas.kafkaConfig" (dict "root" . "component" "orion") | fromYaml) }}
{{- $config = mergeOverwrite $config (include "dbaas.observabilityConfig" . | fromYaml) }}
{{- toYaml (mergeOverwrite $config (deepCopy .Values.orion.config)) }}
{{- end }}

{{- define "dbaas.nebulaConfig" -}}
{{- $providers := dict }}
{{- range $index, $region := .Values.regions }}
{{- $access := $region.kubernetes | default dict }}
{{- $kubernetes := dict }}
{{- if $access.inCluster }}
{{- $_ := set $kubernetes "in-cluster" true }}
{{- else if $access.apiUrl }}
{{- $_ := set $kubernetes "api-url" $access.apiUrl }}
{{- $_ := set $kubernetes "token" (printf "${NEBULA_REGION_%d_TOKEN}" $index) }}
{{- if $access.trustCertificates }}{{ $_ := set $kubernetes "trust-certificates" true }}{{ end }}
{{- else }}
{{- $_ := set $kubernetes "context" ($access.context | default "") }}
{{- end }}
{{- $annotations := dict }}
{{- range $key, $value := $region.serviceAnnotations }}{{ $_ := set $annotations (printf "[%s]" $key) ($value | toString) }}{{ end }}
{{- $settings := dict
  "kubernetes" $kubernetes
  "storage-class" ($region.storageClass | default "")
  "exposure" ($region.exposure | default "cluster-ip")
  "cluster-domain" ($region.clusterDomain | default "cluster.local")
  "service-annotations" $annotations
  "zones" ($region.zones | default list)
  "pre-stop-pause" ($region.preStopPause | default "30s")
  "priority-class-name" ($region.priorityClassName | default "")
}}
{{- if $region.gatekeeper }}
{{- $_ := set $settings "gatekeeper" (include "dbaas.nebulaPeers" $region.gatekeeper | fromYaml) }}
{{- end }}
{{- if $region.clusterScraper }}
{{- $_ := set $settings "monitoring" (include "dbaas.nebulaPeers" $region.clusterScraper | fromYaml) }}
{{- end }}
{{- if $region.prometheusOperator }}
{{- $_ := set $settings "prometheus-operator" true }}
{{- end }}
{{- with $region.backupStorage }}
{{- $storage := dict
  "type" .type
  "bucket" .bucket
  "endpoint" (.endpoint | default "")
  "region" (.region | default "")
  "path-prefix" (.pathPrefix | default "")
  "credentials-secret" .credentialsSecret
  "credentials-namespace" (.credentialsNamespace | default $.Release.Namespace)
}}
{{- $_ := set $settings "backup-storage" $storage }}
{{- end }}
{{- $provider := get $providers $region.provider | default (dict "regions" dict) }}
{{- $_ := set $provider.regions $region.region $settings }}
{{- $_ := set $providers $region.provider $provider }}
{{- end }}
{{- $peers := .Values.nebula.gatekeeperPeers }}
{{- if not $peers }}
{{- $peers = dict
  "namespaceSelector" (dict "kubernetes.io/metadata.name" .Release.Namespace)
  "podSelector" (include "dbaas.selectorLabels" (dict "root" . "component" "gatekeeper") | fromYaml)
}}
{{- end }}
{{- $config := dict
  "spring" (dict "datasource" (dict "url" (.Values.nebula.database.url | default (include "dbaas.orionDatabaseUrl" .))))
  "nebula" (dict
    "providers" $providers
    "topics" (dict "partitions" .Values.kafka.topics.partitions "replicas" .Values.kafka.topics.replicationFactor)
    "gatekeeper" (include "dbaas.nebulaPeers" $peers | fromYaml))
  "server" (dict "port" 8081)
}}
{{- if .Values.nebula.clusterScraper }}
{{- $_ := set $config.nebula "monitoring" (include "dbaas.nebulaPeers" .Values.nebula.clusterScraper | fromYaml) }}
{{- end }}
{{- $config = mergeOverwrite $config (include "dbaas.kafkaConfig" (dict "root" . "component" "nebula") | fromYaml) }}
{{- $config = mergeOverwrite $config (include "dbaas.observabilityConfig" . | fromYaml) }}
{{- toYaml (mergeOverwrite $config (deepCopy .Values.nebula.config)) }}
{{- end }}

{{- define "dbaas.gatekeeperConfig" -}}
{{- $gatekeeper := dict "domain" .Values.domain "forwarding" (dict "trusted-proxies" (.Values.gatekeeper.trustedProxies | default list)) }}
{{- $config := dict
  "gatekeeper" $gatekeeper
  "server" (dict "port" 8000)
  "management" (dict "server" (dict "port" 9000))
}}
{{- if .Values.gatekeeper.tls.enabled }}
{{- $_ := set $gatekeeper "tls" (dict "enabled" true "bundle" "public") }}
{{- $_ := set $config "spring" (dict "ssl" (dict "bundle" (dict "pem" (dict "public" (dict "keystore" (dict
  "certificate" "file:/etc/gatekeeper/tls/tls.crt"
  "private-key" "file:/etc/gatekeeper/tls/tls.key")))))) }}
{{- end }}
{{- $config = mergeOverwrite $config (include "dbaas.kafkaConfig" (dict "root" . "component" "gatekeeper") | fromYaml) }}
{{- $config = mergeOverwrite $config (include "dbaas.observabilityConfig" . | fromYaml) }}
{{- toYaml (mergeOverwrite $config (deepCopy .Values.gatekeeper.config)) }}
{{- end }}
