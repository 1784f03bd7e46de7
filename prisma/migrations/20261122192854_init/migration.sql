-- CreateTable
CREATE TABLE "Team" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT,
    "oidcSubject" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "teamId" TEXT,
    "managerId" TEXT,
    "lastLoginAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "User_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "User_managerId_fkey" FOREIGN KEY ("managerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "UserRoleGrant" (
    "userId" TEXT NOT NULL,
    "role" TEXT NOT NULL,

    PRIMARY KEY ("userId", "role"),
    CONSTRAINT "UserRoleGrant_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SignInThrottle" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "windowStart" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" DATETIME
);

-- CreateTable
CREATE TABLE "Api" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "teamId" TEXT NOT NULL,
    "ownerId" TEXT,
    "environment" TEXT NOT NULL,
    "exposure" TEXT NOT NULL,
    "classification" TEXT NOT NULL,
    "lifecycle" TEXT NOT NULL DEFAULT 'PRODUCTION',
    "baseUrl" TEXT NOT NULL DEFAULT '',
    "gateway" TEXT NOT NULL DEFAULT '',
    "importedFrom" TEXT,
    "importedAt" DATETIME,
    "declaresImplicitFlow" BOOLEAN NOT NULL DEFAULT false,
    "declaresPasswordFlow" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Api_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Api_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Scope" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "apiId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "level" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Scope_apiId_fkey" FOREIGN KEY ("apiId") REFERENCES "Api" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ApiOperation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "apiId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "operationId" TEXT,
    "summary" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "ApiOperation_apiId_fkey" FOREIGN KEY ("apiId") REFERENCES "Api" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OperationScope" (
    "operationId" TEXT NOT NULL,
    "scopeId" TEXT NOT NULL,

    PRIMARY KEY ("operationId", "scopeId"),
    CONSTRAINT "OperationScope_operationId_fkey" FOREIGN KEY ("operationId") REFERENCES "ApiOperation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "OperationScope_scopeId_fkey" FOREIGN KEY ("scopeId") REFERENCES "Scope" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "JobRole" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "teamId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "JobRole_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "JobRoleScope" (
    "roleId" TEXT NOT NULL,
    "scopeId" TEXT NOT NULL,

    PRIMARY KEY ("roleId", "scopeId"),
    CONSTRAINT "JobRoleScope_roleId_fkey" FOREIGN KEY ("roleId") REFERENCES "JobRole" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "JobRoleScope_scopeId_fkey" FOREIGN KEY ("scopeId") REFERENCES "Scope" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Consumer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "teamId" TEXT NOT NULL,
    "ownerId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "environment" TEXT NOT NULL,
    "agentProvider" TEXT,
    "agentModel" TEXT,
    "autonomy" TEXT,
    "comparableRoleId" TEXT,
    "partnerOrg" TEXT,
    "isCiPipeline" BOOLEAN NOT NULL DEFAULT false,
    "decommissionedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Consumer_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Consumer_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Consumer_comparableRoleId_fkey" FOREIGN KEY ("comparableRoleId") REFERENCES "JobRole" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Credential" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "label" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastRotatedAt" DATETIME,
    "expiresAt" DATETIME,
    "accessTokenTtlSeconds" INTEGER,
    "refreshTokenTtlSeconds" INTEGER,
    "senderConstraint" TEXT NOT NULL DEFAULT 'BEARER',
    "audience" TEXT NOT NULL DEFAULT '',
    "leakedAt" DATETIME,
    "leakSource" TEXT,
    "revokedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ConsumerCredential" (
    "consumerId" TEXT NOT NULL,
    "credentialId" TEXT NOT NULL,

    PRIMARY KEY ("consumerId", "credentialId"),
    CONSTRAINT "ConsumerCredential_consumerId_fkey" FOREIGN KEY ("consumerId") REFERENCES "Consumer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ConsumerCredential_credentialId_fkey" FOREIGN KEY ("credentialId") REFERENCES "Credential" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Grant" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "consumerId" TEXT NOT NULL,
    "apiId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "origin" TEXT NOT NULL DEFAULT 'MANUAL',
    "justification" TEXT NOT NULL DEFAULT '',
    "grantedById" TEXT,
    "approvedById" TEXT,
    "expiresAt" DATETIME,
    "lastUsedAt" DATETIME,
    "lastReviewedAt" DATETIME,
    "revokedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Grant_consumerId_fkey" FOREIGN KEY ("consumerId") REFERENCES "Consumer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Grant_apiId_fkey" FOREIGN KEY ("apiId") REFERENCES "Api" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Grant_grantedById_fkey" FOREIGN KEY ("grantedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Grant_approvedById_fkey" FOREIGN KEY ("approvedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GrantScope" (
    "grantId" TEXT NOT NULL,
    "scopeId" TEXT NOT NULL,
    "lastUsedAt" DATETIME,

    PRIMARY KEY ("grantId", "scopeId"),
    CONSTRAINT "GrantScope_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "Grant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "GrantScope_scopeId_fkey" FOREIGN KEY ("scopeId") REFERENCES "Scope" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AccessRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "requesterId" TEXT NOT NULL,
    "consumerId" TEXT NOT NULL,
    "apiId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "durationDays" INTEGER,
    "justification" TEXT NOT NULL,
    "exceptionJustification" TEXT,
    "guardrails" JSONB NOT NULL DEFAULT [],
    "grantId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" DATETIME,
    CONSTRAINT "AccessRequest_requesterId_fkey" FOREIGN KEY ("requesterId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AccessRequest_consumerId_fkey" FOREIGN KEY ("consumerId") REFERENCES "Consumer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AccessRequest_apiId_fkey" FOREIGN KEY ("apiId") REFERENCES "Api" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AccessRequest_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "Grant" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AccessRequestScope" (
    "requestId" TEXT NOT NULL,
    "scopeId" TEXT NOT NULL,

    PRIMARY KEY ("requestId", "scopeId"),
    CONSTRAINT "AccessRequestScope_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "AccessRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AccessRequestScope_scopeId_fkey" FOREIGN KEY ("scopeId") REFERENCES "Scope" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AccessRequestStep" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "requestId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'WAITING',
    "assigneeId" TEXT,
    "handOffNote" TEXT,
    "decidedById" TEXT,
    "comment" TEXT,
    "decidedAt" DATETIME,
    CONSTRAINT "AccessRequestStep_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "AccessRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AccessRequestStep_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "AccessRequestStep_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Campaign" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "createdById" TEXT NOT NULL,
    "selection" JSONB NOT NULL,
    "stage2Enabled" BOOLEAN NOT NULL DEFAULT false,
    "stage2Mode" TEXT NOT NULL DEFAULT 'APPROVALS_ONLY',
    "dueAt" DATETIME NOT NULL,
    "reminderCadenceDays" INTEGER NOT NULL DEFAULT 7,
    "undecidedOutcome" TEXT NOT NULL DEFAULT 'KEEP',
    "recurrence" TEXT NOT NULL DEFAULT 'NONE',
    "previousRunId" TEXT,
    "launchedAt" DATETIME,
    "completedAt" DATETIME,
    "lastReminderAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Campaign_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Campaign_previousRunId_fkey" FOREIGN KEY ("previousRunId") REFERENCES "Campaign" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReviewItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "campaignId" TEXT NOT NULL,
    "grantId" TEXT NOT NULL,
    "consumerId" TEXT NOT NULL,
    "apiId" TEXT NOT NULL,
    "snapshot" JSONB NOT NULL,
    "riskScore" INTEGER NOT NULL DEFAULT 0,
    "isHighRisk" BOOLEAN NOT NULL DEFAULT false,
    "recommendation" TEXT NOT NULL,
    "reasons" JSONB NOT NULL DEFAULT [],
    "unchanged" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'STAGE1',
    "stage1ReviewerId" TEXT,
    "stage1HandOff" TEXT,
    "stage1Decision" TEXT,
    "stage1Comment" TEXT,
    "stage1DecidedAt" DATETIME,
    "keptScopeIds" JSONB,
    "stage2ReviewerId" TEXT,
    "stage2HandOff" TEXT,
    "stage2Decision" TEXT,
    "stage2Comment" TEXT,
    "stage2DecidedAt" DATETIME,
    "outcome" TEXT,
    "remediatedAt" DATETIME,
    "remediation" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ReviewItem_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReviewItem_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "Grant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReviewItem_consumerId_fkey" FOREIGN KEY ("consumerId") REFERENCES "Consumer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReviewItem_apiId_fkey" FOREIGN KEY ("apiId") REFERENCES "Api" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReviewItem_stage1ReviewerId_fkey" FOREIGN KEY ("stage1ReviewerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ReviewItem_stage2ReviewerId_fkey" FOREIGN KEY ("stage2ReviewerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "UsageEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "occurredAt" DATETIME NOT NULL,
    "consumerId" TEXT NOT NULL,
    "apiId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "scopes" TEXT NOT NULL DEFAULT '',
    "clientType" TEXT,
    "userAgent" TEXT,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "UsageEvent_consumerId_fkey" FOREIGN KEY ("consumerId") REFERENCES "Consumer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "UsageEvent_apiId_fkey" FOREIGN KEY ("apiId") REFERENCES "Api" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Finding" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "fingerprint" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "nhi" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "explanation" TEXT NOT NULL,
    "details" JSONB NOT NULL,
    "consumerId" TEXT,
    "credentialId" TEXT,
    "grantId" TEXT,
    "apiId" TEXT,
    "firstSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" DATETIME,
    CONSTRAINT "Finding_consumerId_fkey" FOREIGN KEY ("consumerId") REFERENCES "Consumer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Finding_credentialId_fkey" FOREIGN KEY ("credentialId") REFERENCES "Credential" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Finding_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "Grant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Finding_apiId_fkey" FOREIGN KEY ("apiId") REFERENCES "Api" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorKind" TEXT NOT NULL,
    "actorUserId" TEXT,
    "actorTokenId" TEXT,
    "actorLabel" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "before" JSONB,
    "after" JSONB,
    CONSTRAINT "AuditEvent_actorUserId_fkey" FOREIGN KEY ("actorUserId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "AuditEvent_actorTokenId_fkey" FOREIGN KEY ("actorTokenId") REFERENCES "ApiToken" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PolicySetting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" JSONB NOT NULL,
    "updatedById" TEXT,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "PolicySetting_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "link" TEXT,
    "dedupeKey" TEXT,
    "emailedAt" DATETIME,
    "readAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "scopes" TEXT NOT NULL,
    "createdById" TEXT,
    "expiresAt" DATETIME NOT NULL,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ApiToken_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MetricSnapshot" (
    "day" DATETIME NOT NULL,
    "metric" TEXT NOT NULL,
    "value" REAL NOT NULL,

    PRIMARY KEY ("day", "metric")
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

