{{/* Chart name, truncated to the 63 characters a DNS label allows. */}}
{{- define "kremna.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Fully qualified app name; components append "-api", "-realtime", … (<= 63). */}}
{{- define "kremna.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 50 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 50 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 50 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "kremna.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels on every resource. */}}
{{- define "kremna.labels" -}}
helm.sh/chart: {{ include "kremna.chart" . }}
{{ include "kremna.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: kremna
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{- define "kremna.selectorLabels" -}}
app.kubernetes.io/name: {{ include "kremna.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Labels for one component: (dict "root" $ "component" "api"). */}}
{{- define "kremna.componentLabels" -}}
{{ include "kremna.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "kremna.componentSelectorLabels" -}}
{{ include "kremna.selectorLabels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "kremna.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "kremna.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "kremna.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/* The Secret with DATABASE_URL, JWT_SECRET, REDIS_URL, MISTRAL_API_KEY, OPENAI_API_KEY. */}}
{{- define "kremna.secretName" -}}
{{- if .Values.secrets.create }}
{{- include "kremna.fullname" . }}
{{- else }}
{{- default (include "kremna.fullname" .) .Values.secrets.existingSecret }}
{{- end }}
{{- end }}

{{/* Where the migrate Job reads its secrets from. */}}
{{- define "kremna.migrateSecretName" -}}
{{- if .Values.secrets.create }}
{{- printf "%s-migrate" (include "kremna.fullname" .) }}
{{- else }}
{{- include "kremna.secretName" . }}
{{- end }}
{{- end }}

{{- define "kremna.migrateAdminSecretName" -}}
{{- if .Values.secrets.create }}
{{- include "kremna.migrateSecretName" . }}
{{- else }}
{{- default (include "kremna.secretName" .) .Values.migrate.existingSecret }}
{{- end }}
{{- end }}

{{/* PUBLIC_URL: the value, or derived from the ingress host; empty when neither. */}}
{{- define "kremna.publicUrl" -}}
{{- if .Values.publicUrl }}
{{- .Values.publicUrl | trimSuffix "/" }}
{{- else if and .Values.ingress.enabled .Values.ingress.host }}
{{- printf "%s://%s" (ternary "https" "http" .Values.ingress.tls.enabled) .Values.ingress.host }}
{{- end }}
{{- end }}

{{- define "kremna.realtimePublicUrl" -}}
{{- default (include "kremna.publicUrl" .) (.Values.realtimePublicUrl | trimSuffix "/") }}
{{- end }}

{{- define "kremna.trustProxyHeaders" -}}
{{- $v := .Values.trustProxyHeaders }}
{{- if eq (toString $v) "auto" }}
{{- ternary "true" "false" (.Values.ingress.enabled | default false) }}
{{- else }}
{{- ternary "true" "false" (eq (toString $v) "true") }}
{{- end }}
{{- end }}

{{/*
Non-secret environment shared by all services, as a YAML map (string values; empty
values dropped). The ConfigMap holds it; the migrate Job, which runs before the
ConfigMap exists, gets it inline.
*/}}
{{- define "kremna.configData" -}}
{{- $data := dict
  "PORT" (toString .Values.api.port)
  "REALTIME_PORT" (toString .Values.realtime.port)
  "WORKER_HEALTH_PORT" (toString .Values.worker.healthPort)
  "TRUST_PROXY_HEADERS" (include "kremna.trustProxyHeaders" .)
}}
{{- with include "kremna.publicUrl" . }}
{{- $_ := set $data "PUBLIC_URL" . }}
{{- end }}
{{- with include "kremna.realtimePublicUrl" . }}
{{- $_ := set $data "REALTIME_PUBLIC_URL" . }}
{{- end }}
{{- range $key, $value := .Values.env }}
{{- if not (kindIs "invalid" $value) }}
{{- $_ := set $data $key (toString $value) }}
{{- end }}
{{- end }}
{{- range $key, $value := $data }}
{{- if ne $value "" }}
{{ $key }}: {{ $value | quote }}
{{- end }}
{{- end }}
{{- end }}

{{/* Component-only env (name: value map) as an env list; wins over the ConfigMap. */}}
{{- define "kremna.envList" -}}
{{- range $key, $value := . }}
- name: {{ $key }}
  value: {{ toString $value | quote }}
{{- end }}
{{- end }}

{{/* Secret env for the services (never the admin URL). */}}
{{- define "kremna.secretEnv" -}}
{{- $secret := include "kremna.secretName" . -}}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ .Values.secrets.keys.databaseUrl }}
- name: JWT_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ .Values.secrets.keys.jwtSecret }}
- name: REDIS_URL
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ .Values.secrets.keys.redisUrl }}
- name: MISTRAL_API_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ .Values.secrets.keys.mistralApiKey }}
      optional: true
- name: OPENAI_API_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ .Values.secrets.keys.openaiApiKey }}
      optional: true
{{- end }}

{{/* Pod-level scheduling: global values plus the component's (.component values). */}}
{{- define "kremna.scheduling" -}}
{{- $root := .root }}
{{- $c := .values }}
{{- $nodeSelector := merge (dict) ($c.nodeSelector | default dict) ($root.Values.nodeSelector | default dict) }}
{{- with $nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- $tolerations := concat ($root.Values.tolerations | default list) ($c.tolerations | default list) }}
{{- with $tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- $affinity := $c.affinity | default $root.Values.affinity }}
{{- with $affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- if $root.Values.spreadAcrossNodes }}
topologySpreadConstraints:
  - maxSkew: 1
    topologyKey: kubernetes.io/hostname
    whenUnsatisfiable: ScheduleAnyway
    labelSelector:
      matchLabels:
        {{- include "kremna.componentSelectorLabels" (dict "root" $root "component" .component) | nindent 8 }}
{{- end }}
{{- with $root.Values.priorityClassName }}
priorityClassName: {{ . }}
{{- end }}
{{- end }}

{{/* Pod annotations: config checksums (roll pods on change) plus user annotations. */}}
{{- define "kremna.podAnnotations" -}}
{{- $root := .root }}
checksum/config: {{ include "kremna.configData" $root | sha256sum }}
{{- if $root.Values.secrets.create }}
checksum/secret: {{ include (print $root.Template.BasePath "/secret.yaml") $root | sha256sum }}
{{- end }}
{{- with merge (dict) (.values.podAnnotations | default dict) ($root.Values.podAnnotations | default dict) }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{- define "kremna.tmpVolume" -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ .Values.tmpVolume.sizeLimit }}
{{- end }}

{{/* Install-time checks that no schema can express. */}}
{{- define "kremna.validate" -}}
{{- if and .Values.secrets.create .Values.secrets.existingSecret }}
{{- fail "secrets.create and secrets.existingSecret are exclusive: set one" }}
{{- end }}
{{- if and .Values.ingress.enabled (not .Values.ingress.host) }}
{{- fail "ingress.host is required when ingress.enabled (e.g. chat.example.com)" }}
{{- end }}
{{- if .Values.secrets.create }}
{{- $db := required "externalDatabase.url is required with secrets.create (postgres://kremna_app:PASSWORD@HOST:5432/kremna)" .Values.externalDatabase.url }}
{{- if not (regexMatch "^postgres(ql)?://" $db) }}
{{- fail "externalDatabase.url must be a postgres:// URL" }}
{{- end }}
{{- if .Values.migrate.enabled }}
{{- $admin := required "externalDatabase.adminUrl is required with secrets.create and migrate.enabled (a superuser or CREATEROLE+CREATEDB role)" .Values.externalDatabase.adminUrl }}
{{- if not (regexMatch "^postgres(ql)?://" $admin) }}
{{- fail "externalDatabase.adminUrl must be a postgres:// URL" }}
{{- end }}
{{- end }}
{{- $redis := required "externalRedis.url is required with secrets.create (redis://:PASSWORD@HOST:6379/?protocol=resp3)" .Values.externalRedis.url }}
{{- if not (regexMatch "^rediss?://" $redis) }}
{{- fail "externalRedis.url must be a redis:// or rediss:// URL" }}
{{- end }}
{{- $jwt := required "secrets.jwtSecret is required with secrets.create (openssl rand -hex 32)" .Values.secrets.jwtSecret }}
{{- if lt (len $jwt) 32 }}
{{- fail "secrets.jwtSecret must be at least 32 bytes (openssl rand -hex 32)" }}
{{- end }}
{{- end }}
{{- end }}
