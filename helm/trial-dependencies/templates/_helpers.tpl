{{/* Names and labels. Objects are named <release>-postgres and <release>-kafka: the control plane's values name them. */}}

{{- define "trial.name" -}}
{{- printf "%s-%s" (.root.Release.Name | trunc 50 | trimSuffix "-") .component }}
{{- end }}

{{- define "trial.selectorLabels" -}}
app.kubernetes.io/name: {{ .component }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end }}

{{- define "trial.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{ include "trial.selectorLabels" . }}
app.kubernetes.io/component: {{ .component }}
app.kubernetes.io/part-of: dbaas-trial-dependencies
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- end }}

{{- define "trial.postgresSecret" -}}
{{- required "postgres.existingSecret is required: create the trial database user's Secret first, e.g. kubectl create secret generic dbaas-trial-database --from-literal=username=dbaas --from-literal=password=$(openssl rand -hex 24), and name it here (the control-plane chart reads the same Secret)" .Values.postgres.existingSecret }}
{{- end }}

{{/* What Pod Security's restricted profile asks of every container; readOnlyRootFilesystem is set per image. */}}
{{- define "trial.containerSecurity" -}}
runAsNonRoot: true
allowPrivilegeEscalation: false
capabilities:
  drop: [ALL]
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/* A volume claim template of one ReadWriteOnce volume. Call with (dict "storage" .Values.x.storage). */}}
{{- define "trial.volumeClaim" -}}
- apiVersion: v1
  kind: PersistentVolumeClaim
  metadata:
    name: data
  spec:
    accessModes: [ReadWriteOnce]
    {{- with .storage.storageClass }}
    storageClassName: {{ . }}
    {{- end }}
    resources:
      requests:
        storage: {{ .storage.size }}
{{- end }}
