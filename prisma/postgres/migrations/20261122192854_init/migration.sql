-- CreateEnum
CREATE TYPE "UserRole" AS ENUM ('ADMIN', 'OWNER', 'MANAGER', 'EXECUTIVE', 'AUDITOR');

-- CreateEnum
CREATE TYPE "Environment" AS ENUM ('PRODUCTION', 'STAGING', 'DEVELOPMENT');

-- CreateEnum
CREATE TYPE "Exposure" AS ENUM ('INTERNAL', 'PARTNER', 'PUBLIC');

-- CreateEnum
CREATE TYPE "DataClassification" AS ENUM ('PUBLIC', 'INTERNAL', 'CONFIDENTIAL', 'RESTRICTED');

-- CreateEnum
CREATE TYPE "Lifecycle" AS ENUM ('EXPERIMENTAL', 'PRODUCTION', 'DEPRECATED', 'RETIRED');

-- CreateEnum
CREATE TYPE "AccessLevel" AS ENUM ('READ', 'WRITE', 'ADMIN');

-- CreateEnum
CREATE TYPE "ConsumerKind" AS ENUM ('HUMAN', 'SERVICE', 'PARTNER', 'AGENT');

-- CreateEnum
CREATE TYPE "ConsumerStatus" AS ENUM ('ACTIVE', 'SUSPENDED', 'DECOMMISSIONED');

-- CreateEnum
CREATE TYPE "Autonomy" AS ENUM ('HUMAN_IN_THE_LOOP', 'SUPERVISED', 'AUTONOMOUS');

-- CreateEnum
CREATE TYPE "CredentialType" AS ENUM ('API_KEY', 'CLIENT_SECRET', 'PRIVATE_KEY_JWT', 'MTLS_CERT', 'WORKLOAD_IDENTITY', 'PERSONAL_ACCESS_TOKEN');

-- CreateEnum
CREATE TYPE "SenderConstraint" AS ENUM ('BEARER', 'DPOP', 'MTLS');

-- CreateEnum
CREATE TYPE "GrantStatus" AS ENUM ('ACTIVE', 'PENDING', 'SUSPENDED', 'REVOKED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "GrantOrigin" AS ENUM ('REQUEST', 'IMPORT', 'REVIEW', 'MANUAL');

-- CreateEnum
CREATE TYPE "RequestStatus" AS ENUM ('PENDING', 'APPROVED', 'DENIED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "RequestStepKind" AS ENUM ('MANAGER', 'API_OWNER', 'ADMIN');

-- CreateEnum
CREATE TYPE "StepStatus" AS ENUM ('WAITING', 'PENDING', 'APPROVED', 'DENIED', 'SKIPPED');

-- CreateEnum
CREATE TYPE "CampaignStatus" AS ENUM ('DRAFT', 'ACTIVE', 'COMPLETED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "UndecidedOutcome" AS ENUM ('KEEP', 'REVOKE', 'FOLLOW_RECOMMENDATION', 'SUSPEND');

-- CreateEnum
CREATE TYPE "Recurrence" AS ENUM ('NONE', 'MONTHLY', 'QUARTERLY', 'HALF_YEARLY', 'YEARLY');

-- CreateEnum
CREATE TYPE "Stage2Mode" AS ENUM ('APPROVALS_ONLY', 'ALL_DECISIONS');

-- CreateEnum
CREATE TYPE "ReviewDecision" AS ENUM ('APPROVE', 'REVOKE', 'REDUCE', 'REASSIGN');

-- CreateEnum
CREATE TYPE "Recommendation" AS ENUM ('APPROVE', 'REVOKE', 'REDUCE');

-- CreateEnum
CREATE TYPE "ReviewItemStatus" AS ENUM ('STAGE1', 'STAGE2', 'CLOSED');

-- CreateEnum
CREATE TYPE "Severity" AS ENUM ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL');

-- CreateEnum
CREATE TYPE "FindingRule" AS ENUM ('OWNERLESS_CONSUMER', 'LEAKED_CREDENTIAL', 'PARTNER_INTERNAL_REACH', 'BEARER_WRITE', 'INSECURE_OAUTH_FLOW', 'BROAD_GRANT', 'AGENT_ABOVE_BASELINE', 'UNUSED_GRANT', 'UNUSED_SCOPES', 'STATIC_PIPELINE_SECRET', 'LONG_LIVED_CREDENTIAL', 'LONG_TOKEN_LIFETIME', 'ENVIRONMENT_CROSSING', 'SHARED_CREDENTIAL', 'HUMAN_USE_OF_MACHINE');

-- CreateEnum
CREATE TYPE "FindingStatus" AS ENUM ('OPEN', 'CLOSED');

-- CreateEnum
CREATE TYPE "UsageKind" AS ENUM ('TOKEN_ISSUED', 'API_CALL');

-- CreateEnum
CREATE TYPE "ActorKind" AS ENUM ('USER', 'API_TOKEN', 'SYSTEM');

-- CreateTable
CREATE TABLE "Team" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Team_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT,
    "oidcSubject" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "teamId" TEXT,
    "managerId" TEXT,
    "lastLoginAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UserRoleGrant" (
    "userId" TEXT NOT NULL,
    "role" "UserRole" NOT NULL,

    CONSTRAINT "UserRoleGrant_pkey" PRIMARY KEY ("userId","role")
);

-- CreateTable
CREATE TABLE "SignInThrottle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "windowStart" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMP(3),

    CONSTRAINT "SignInThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Api" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "teamId" TEXT NOT NULL,
    "ownerId" TEXT,
    "environment" "Environment" NOT NULL,
    "exposure" "Exposure" NOT NULL,
    "classification" "DataClassification" NOT NULL,
    "lifecycle" "Lifecycle" NOT NULL DEFAULT 'PRODUCTION',
    "baseUrl" TEXT NOT NULL DEFAULT '',
    "gateway" TEXT NOT NULL DEFAULT '',
    "importedFrom" TEXT,
    "importedAt" TIMESTAMP(3),
    "declaresImplicitFlow" BOOLEAN NOT NULL DEFAULT false,
    "declaresPasswordFlow" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Api_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Scope" (
    "id" TEXT NOT NULL,
    "apiId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "level" "AccessLevel" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Scope_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiOperation" (
    "id" TEXT NOT NULL,
    "apiId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "operationId" TEXT,
    "summary" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "ApiOperation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OperationScope" (
    "operationId" TEXT NOT NULL,
    "scopeId" TEXT NOT NULL,

    CONSTRAINT "OperationScope_pkey" PRIMARY KEY ("operationId","scopeId")
);

-- CreateTable
CREATE TABLE "JobRole" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "teamId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JobRole_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobRoleScope" (
    "roleId" TEXT NOT NULL,
    "scopeId" TEXT NOT NULL,

    CONSTRAINT "JobRoleScope_pkey" PRIMARY KEY ("roleId","scopeId")
);

-- CreateTable
CREATE TABLE "Consumer" (
    "id" TEXT NOT NULL,
    "kind" "ConsumerKind" NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "teamId" TEXT NOT NULL,
    "ownerId" TEXT,
    "status" "ConsumerStatus" NOT NULL DEFAULT 'ACTIVE',
    "environment" "Environment" NOT NULL,
    "agentProvider" TEXT,
    "agentModel" TEXT,
    "autonomy" "Autonomy",
    "comparableRoleId" TEXT,
    "partnerOrg" TEXT,
    "isCiPipeline" BOOLEAN NOT NULL DEFAULT false,
    "decommissionedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Consumer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Credential" (
    "id" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "type" "CredentialType" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastRotatedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),
    "accessTokenTtlSeconds" INTEGER,
    "refreshTokenTtlSeconds" INTEGER,
    "senderConstraint" "SenderConstraint" NOT NULL DEFAULT 'BEARER',
    "audience" TEXT NOT NULL DEFAULT '',
    "leakedAt" TIMESTAMP(3),
    "leakSource" TEXT,
    "revokedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Credential_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsumerCredential" (
    "consumerId" TEXT NOT NULL,
    "credentialId" TEXT NOT NULL,

    CONSTRAINT "ConsumerCredential_pkey" PRIMARY KEY ("consumerId","credentialId")
);

-- CreateTable
CREATE TABLE "Grant" (
    "id" TEXT NOT NULL,
    "consumerId" TEXT NOT NULL,
    "apiId" TEXT NOT NULL,
    "status" "GrantStatus" NOT NULL DEFAULT 'ACTIVE',
    "origin" "GrantOrigin" NOT NULL DEFAULT 'MANUAL',
    "justification" TEXT NOT NULL DEFAULT '',
    "grantedById" TEXT,
    "approvedById" TEXT,
    "expiresAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),
    "lastReviewedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Grant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GrantScope" (
    "grantId" TEXT NOT NULL,
    "scopeId" TEXT NOT NULL,
    "lastUsedAt" TIMESTAMP(3),

    CONSTRAINT "GrantScope_pkey" PRIMARY KEY ("grantId","scopeId")
);

-- CreateTable
CREATE TABLE "AccessRequest" (
    "id" TEXT NOT NULL,
    "requesterId" TEXT NOT NULL,
    "consumerId" TEXT NOT NULL,
    "apiId" TEXT NOT NULL,
    "status" "RequestStatus" NOT NULL DEFAULT 'PENDING',
    "durationDays" INTEGER,
    "justification" TEXT NOT NULL,
    "exceptionJustification" TEXT,
    "guardrails" JSONB NOT NULL DEFAULT '[]',
    "grantId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "AccessRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccessRequestScope" (
    "requestId" TEXT NOT NULL,
    "scopeId" TEXT NOT NULL,

    CONSTRAINT "AccessRequestScope_pkey" PRIMARY KEY ("requestId","scopeId")
);

-- CreateTable
CREATE TABLE "AccessRequestStep" (
    "id" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" "RequestStepKind" NOT NULL,
    "status" "StepStatus" NOT NULL DEFAULT 'WAITING',
    "assigneeId" TEXT,
    "handOffNote" TEXT,
    "decidedById" TEXT,
    "comment" TEXT,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "AccessRequestStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Campaign" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "status" "CampaignStatus" NOT NULL DEFAULT 'DRAFT',
    "createdById" TEXT NOT NULL,
    "selection" JSONB NOT NULL,
    "stage2Enabled" BOOLEAN NOT NULL DEFAULT false,
    "stage2Mode" "Stage2Mode" NOT NULL DEFAULT 'APPROVALS_ONLY',
    "dueAt" TIMESTAMP(3) NOT NULL,
    "reminderCadenceDays" INTEGER NOT NULL DEFAULT 7,
    "undecidedOutcome" "UndecidedOutcome" NOT NULL DEFAULT 'KEEP',
    "recurrence" "Recurrence" NOT NULL DEFAULT 'NONE',
    "previousRunId" TEXT,
    "launchedAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "lastReminderAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewItem" (
    "id" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "grantId" TEXT NOT NULL,
    "consumerId" TEXT NOT NULL,
    "apiId" TEXT NOT NULL,
    "snapshot" JSONB NOT NULL,
    "riskScore" INTEGER NOT NULL DEFAULT 0,
    "isHighRisk" BOOLEAN NOT NULL DEFAULT false,
    "recommendation" "Recommendation" NOT NULL,
    "reasons" JSONB NOT NULL DEFAULT '[]',
    "unchanged" BOOLEAN NOT NULL DEFAULT false,
    "status" "ReviewItemStatus" NOT NULL DEFAULT 'STAGE1',
    "stage1ReviewerId" TEXT,
    "stage1HandOff" TEXT,
    "stage1Decision" "ReviewDecision",
    "stage1Comment" TEXT,
    "stage1DecidedAt" TIMESTAMP(3),
    "keptScopeIds" JSONB,
    "stage2ReviewerId" TEXT,
    "stage2HandOff" TEXT,
    "stage2Decision" "ReviewDecision",
    "stage2Comment" TEXT,
    "stage2DecidedAt" TIMESTAMP(3),
    "outcome" "UndecidedOutcome",
    "remediatedAt" TIMESTAMP(3),
    "remediation" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReviewItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UsageEvent" (
    "id" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "consumerId" TEXT NOT NULL,
    "apiId" TEXT NOT NULL,
    "kind" "UsageKind" NOT NULL,
    "scopes" TEXT NOT NULL DEFAULT '',
    "clientType" TEXT,
    "userAgent" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UsageEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Finding" (
    "id" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "rule" "FindingRule" NOT NULL,
    "severity" "Severity" NOT NULL,
    "nhi" TEXT NOT NULL,
    "status" "FindingStatus" NOT NULL DEFAULT 'OPEN',
    "explanation" TEXT NOT NULL,
    "details" JSONB NOT NULL,
    "consumerId" TEXT,
    "credentialId" TEXT,
    "grantId" TEXT,
    "apiId" TEXT,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "Finding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorKind" "ActorKind" NOT NULL,
    "actorUserId" TEXT,
    "actorTokenId" TEXT,
    "actorLabel" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "before" JSONB,
    "after" JSONB,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PolicySetting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PolicySetting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "link" TEXT,
    "dedupeKey" TEXT,
    "emailedAt" TIMESTAMP(3),
    "readAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "scopes" TEXT NOT NULL,
    "createdById" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MetricSnapshot" (
    "day" TIMESTAMP(3) NOT NULL,
    "metric" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "MetricSnapshot_pkey" PRIMARY KEY ("day","metric")
);

-- CreateIndex
CREATE UNIQUE INDEX "Team_name_key" ON "Team"("name");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "User_oidcSubject_key" ON "User"("oidcSubject");

-- CreateIndex
CREATE INDEX "User_teamId_idx" ON "User"("teamId");

-- CreateIndex
CREATE INDEX "User_managerId_idx" ON "User"("managerId");

-- CreateIndex
CREATE INDEX "User_active_idx" ON "User"("active");

-- CreateIndex
CREATE INDEX "User_name_idx" ON "User"("name");

-- CreateIndex
CREATE INDEX "UserRoleGrant_role_idx" ON "UserRoleGrant"("role");

-- CreateIndex
CREATE INDEX "Api_teamId_idx" ON "Api"("teamId");

-- CreateIndex
CREATE INDEX "Api_ownerId_idx" ON "Api"("ownerId");

-- CreateIndex
CREATE INDEX "Api_environment_idx" ON "Api"("environment");

-- CreateIndex
CREATE INDEX "Api_exposure_idx" ON "Api"("exposure");

-- CreateIndex
CREATE INDEX "Api_classification_idx" ON "Api"("classification");

-- CreateIndex
CREATE INDEX "Api_lifecycle_idx" ON "Api"("lifecycle");

-- CreateIndex
CREATE INDEX "Api_name_idx" ON "Api"("name");

-- CreateIndex
CREATE INDEX "Api_createdAt_idx" ON "Api"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Api_name_environment_key" ON "Api"("name", "environment");

-- CreateIndex
CREATE INDEX "Scope_level_idx" ON "Scope"("level");

-- CreateIndex
CREATE UNIQUE INDEX "Scope_apiId_name_key" ON "Scope"("apiId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "ApiOperation_apiId_method_path_key" ON "ApiOperation"("apiId", "method", "path");

-- CreateIndex
CREATE INDEX "OperationScope_scopeId_idx" ON "OperationScope"("scopeId");

-- CreateIndex
CREATE UNIQUE INDEX "JobRole_name_key" ON "JobRole"("name");

-- CreateIndex
CREATE INDEX "JobRole_teamId_idx" ON "JobRole"("teamId");

-- CreateIndex
CREATE INDEX "JobRoleScope_scopeId_idx" ON "JobRoleScope"("scopeId");

-- CreateIndex
CREATE INDEX "Consumer_teamId_idx" ON "Consumer"("teamId");

-- CreateIndex
CREATE INDEX "Consumer_ownerId_idx" ON "Consumer"("ownerId");

-- CreateIndex
CREATE INDEX "Consumer_comparableRoleId_idx" ON "Consumer"("comparableRoleId");

-- CreateIndex
CREATE INDEX "Consumer_kind_status_idx" ON "Consumer"("kind", "status");

-- CreateIndex
CREATE INDEX "Consumer_status_idx" ON "Consumer"("status");

-- CreateIndex
CREATE INDEX "Consumer_environment_idx" ON "Consumer"("environment");

-- CreateIndex
CREATE INDEX "Consumer_name_idx" ON "Consumer"("name");

-- CreateIndex
CREATE INDEX "Consumer_createdAt_idx" ON "Consumer"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Consumer_name_environment_key" ON "Consumer"("name", "environment");

-- CreateIndex
CREATE INDEX "Credential_type_idx" ON "Credential"("type");

-- CreateIndex
CREATE INDEX "Credential_expiresAt_idx" ON "Credential"("expiresAt");

-- CreateIndex
CREATE INDEX "Credential_lastRotatedAt_idx" ON "Credential"("lastRotatedAt");

-- CreateIndex
CREATE INDEX "Credential_leakedAt_idx" ON "Credential"("leakedAt");

-- CreateIndex
CREATE INDEX "Credential_revokedAt_idx" ON "Credential"("revokedAt");

-- CreateIndex
CREATE INDEX "Credential_createdAt_idx" ON "Credential"("createdAt");

-- CreateIndex
CREATE INDEX "ConsumerCredential_credentialId_idx" ON "ConsumerCredential"("credentialId");

-- CreateIndex
CREATE INDEX "Grant_consumerId_apiId_idx" ON "Grant"("consumerId", "apiId");

-- CreateIndex
CREATE INDEX "Grant_apiId_status_idx" ON "Grant"("apiId", "status");

-- CreateIndex
CREATE INDEX "Grant_status_expiresAt_idx" ON "Grant"("status", "expiresAt");

-- CreateIndex
CREATE INDEX "Grant_grantedById_idx" ON "Grant"("grantedById");

-- CreateIndex
CREATE INDEX "Grant_approvedById_idx" ON "Grant"("approvedById");

-- CreateIndex
CREATE INDEX "Grant_lastUsedAt_idx" ON "Grant"("lastUsedAt");

-- CreateIndex
CREATE INDEX "Grant_lastReviewedAt_idx" ON "Grant"("lastReviewedAt");

-- CreateIndex
CREATE INDEX "Grant_createdAt_idx" ON "Grant"("createdAt");

-- CreateIndex
CREATE INDEX "GrantScope_scopeId_idx" ON "GrantScope"("scopeId");

-- CreateIndex
CREATE INDEX "AccessRequest_requesterId_status_idx" ON "AccessRequest"("requesterId", "status");

-- CreateIndex
CREATE INDEX "AccessRequest_consumerId_idx" ON "AccessRequest"("consumerId");

-- CreateIndex
CREATE INDEX "AccessRequest_apiId_idx" ON "AccessRequest"("apiId");

-- CreateIndex
CREATE INDEX "AccessRequest_grantId_idx" ON "AccessRequest"("grantId");

-- CreateIndex
CREATE INDEX "AccessRequest_status_createdAt_idx" ON "AccessRequest"("status", "createdAt");

-- CreateIndex
CREATE INDEX "AccessRequestScope_scopeId_idx" ON "AccessRequestScope"("scopeId");

-- CreateIndex
CREATE INDEX "AccessRequestStep_assigneeId_status_idx" ON "AccessRequestStep"("assigneeId", "status");

-- CreateIndex
CREATE INDEX "AccessRequestStep_decidedById_idx" ON "AccessRequestStep"("decidedById");

-- CreateIndex
CREATE UNIQUE INDEX "AccessRequestStep_requestId_position_key" ON "AccessRequestStep"("requestId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Campaign_previousRunId_key" ON "Campaign"("previousRunId");

-- CreateIndex
CREATE INDEX "Campaign_createdById_idx" ON "Campaign"("createdById");

-- CreateIndex
CREATE INDEX "Campaign_status_dueAt_idx" ON "Campaign"("status", "dueAt");

-- CreateIndex
CREATE INDEX "Campaign_createdAt_idx" ON "Campaign"("createdAt");

-- CreateIndex
CREATE INDEX "ReviewItem_grantId_idx" ON "ReviewItem"("grantId");

-- CreateIndex
CREATE INDEX "ReviewItem_consumerId_idx" ON "ReviewItem"("consumerId");

-- CreateIndex
CREATE INDEX "ReviewItem_apiId_idx" ON "ReviewItem"("apiId");

-- CreateIndex
CREATE INDEX "ReviewItem_stage1ReviewerId_status_riskScore_idx" ON "ReviewItem"("stage1ReviewerId", "status", "riskScore");

-- CreateIndex
CREATE INDEX "ReviewItem_stage2ReviewerId_status_riskScore_idx" ON "ReviewItem"("stage2ReviewerId", "status", "riskScore");

-- CreateIndex
CREATE INDEX "ReviewItem_campaignId_status_idx" ON "ReviewItem"("campaignId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewItem_campaignId_grantId_key" ON "ReviewItem"("campaignId", "grantId");

-- CreateIndex
CREATE INDEX "UsageEvent_consumerId_apiId_occurredAt_idx" ON "UsageEvent"("consumerId", "apiId", "occurredAt");

-- CreateIndex
CREATE INDEX "UsageEvent_apiId_idx" ON "UsageEvent"("apiId");

-- CreateIndex
CREATE INDEX "UsageEvent_occurredAt_idx" ON "UsageEvent"("occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "Finding_fingerprint_key" ON "Finding"("fingerprint");

-- CreateIndex
CREATE INDEX "Finding_status_severity_idx" ON "Finding"("status", "severity");

-- CreateIndex
CREATE INDEX "Finding_rule_status_idx" ON "Finding"("rule", "status");

-- CreateIndex
CREATE INDEX "Finding_nhi_status_idx" ON "Finding"("nhi", "status");

-- CreateIndex
CREATE INDEX "Finding_consumerId_idx" ON "Finding"("consumerId");

-- CreateIndex
CREATE INDEX "Finding_credentialId_idx" ON "Finding"("credentialId");

-- CreateIndex
CREATE INDEX "Finding_grantId_idx" ON "Finding"("grantId");

-- CreateIndex
CREATE INDEX "Finding_apiId_idx" ON "Finding"("apiId");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE INDEX "AuditEvent_actorUserId_at_idx" ON "AuditEvent"("actorUserId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_actorTokenId_idx" ON "AuditEvent"("actorTokenId");

-- CreateIndex
CREATE INDEX "AuditEvent_targetType_targetId_idx" ON "AuditEvent"("targetType", "targetId");

-- CreateIndex
CREATE INDEX "AuditEvent_action_at_idx" ON "AuditEvent"("action", "at");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_dedupeKey_key" ON "Notification"("dedupeKey");

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_createdAt_idx" ON "Notification"("userId", "readAt", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_createdById_idx" ON "ApiToken"("createdById");

-- CreateIndex
CREATE INDEX "ApiToken_createdAt_idx" ON "ApiToken"("createdAt");

-- CreateIndex
CREATE INDEX "MetricSnapshot_metric_day_idx" ON "MetricSnapshot"("metric", "day");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_managerId_fkey" FOREIGN KEY ("managerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserRoleGrant" ADD CONSTRAINT "UserRoleGrant_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Api" ADD CONSTRAINT "Api_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Api" ADD CONSTRAINT "Api_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Scope" ADD CONSTRAINT "Scope_apiId_fkey" FOREIGN KEY ("apiId") REFERENCES "Api"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiOperation" ADD CONSTRAINT "ApiOperation_apiId_fkey" FOREIGN KEY ("apiId") REFERENCES "Api"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OperationScope" ADD CONSTRAINT "OperationScope_operationId_fkey" FOREIGN KEY ("operationId") REFERENCES "ApiOperation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OperationScope" ADD CONSTRAINT "OperationScope_scopeId_fkey" FOREIGN KEY ("scopeId") REFERENCES "Scope"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JobRole" ADD CONSTRAINT "JobRole_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JobRoleScope" ADD CONSTRAINT "JobRoleScope_roleId_fkey" FOREIGN KEY ("roleId") REFERENCES "JobRole"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JobRoleScope" ADD CONSTRAINT "JobRoleScope_scopeId_fkey" FOREIGN KEY ("scopeId") REFERENCES "Scope"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consumer" ADD CONSTRAINT "Consumer_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consumer" ADD CONSTRAINT "Consumer_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consumer" ADD CONSTRAINT "Consumer_comparableRoleId_fkey" FOREIGN KEY ("comparableRoleId") REFERENCES "JobRole"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsumerCredential" ADD CONSTRAINT "ConsumerCredential_consumerId_fkey" FOREIGN KEY ("consumerId") REFERENCES "Consumer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsumerCredential" ADD CONSTRAINT "ConsumerCredential_credentialId_fkey" FOREIGN KEY ("credentialId") REFERENCES "Credential"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_consumerId_fkey" FOREIGN KEY ("consumerId") REFERENCES "Consumer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_apiId_fkey" FOREIGN KEY ("apiId") REFERENCES "Api"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_grantedById_fkey" FOREIGN KEY ("grantedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_approvedById_fkey" FOREIGN KEY ("approvedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GrantScope" ADD CONSTRAINT "GrantScope_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "Grant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GrantScope" ADD CONSTRAINT "GrantScope_scopeId_fkey" FOREIGN KEY ("scopeId") REFERENCES "Scope"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessRequest" ADD CONSTRAINT "AccessRequest_requesterId_fkey" FOREIGN KEY ("requesterId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessRequest" ADD CONSTRAINT "AccessRequest_consumerId_fkey" FOREIGN KEY ("consumerId") REFERENCES "Consumer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessRequest" ADD CONSTRAINT "AccessRequest_apiId_fkey" FOREIGN KEY ("apiId") REFERENCES "Api"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessRequest" ADD CONSTRAINT "AccessRequest_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "Grant"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessRequestScope" ADD CONSTRAINT "AccessRequestScope_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "AccessRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessRequestScope" ADD CONSTRAINT "AccessRequestScope_scopeId_fkey" FOREIGN KEY ("scopeId") REFERENCES "Scope"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessRequestStep" ADD CONSTRAINT "AccessRequestStep_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "AccessRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessRequestStep" ADD CONSTRAINT "AccessRequestStep_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessRequestStep" ADD CONSTRAINT "AccessRequestStep_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_previousRunId_fkey" FOREIGN KEY ("previousRunId") REFERENCES "Campaign"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewItem" ADD CONSTRAINT "ReviewItem_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewItem" ADD CONSTRAINT "ReviewItem_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "Grant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewItem" ADD CONSTRAINT "ReviewItem_consumerId_fkey" FOREIGN KEY ("consumerId") REFERENCES "Consumer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewItem" ADD CONSTRAINT "ReviewItem_apiId_fkey" FOREIGN KEY ("apiId") REFERENCES "Api"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewItem" ADD CONSTRAINT "ReviewItem_stage1ReviewerId_fkey" FOREIGN KEY ("stage1ReviewerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewItem" ADD CONSTRAINT "ReviewItem_stage2ReviewerId_fkey" FOREIGN KEY ("stage2ReviewerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UsageEvent" ADD CONSTRAINT "UsageEvent_consumerId_fkey" FOREIGN KEY ("consumerId") REFERENCES "Consumer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UsageEvent" ADD CONSTRAINT "UsageEvent_apiId_fkey" FOREIGN KEY ("apiId") REFERENCES "Api"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_consumerId_fkey" FOREIGN KEY ("consumerId") REFERENCES "Consumer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_credentialId_fkey" FOREIGN KEY ("credentialId") REFERENCES "Credential"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "Grant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_apiId_fkey" FOREIGN KEY ("apiId") REFERENCES "Api"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorUserId_fkey" FOREIGN KEY ("actorUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorTokenId_fkey" FOREIGN KEY ("actorTokenId") REFERENCES "ApiToken"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PolicySetting" ADD CONSTRAINT "PolicySetting_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

