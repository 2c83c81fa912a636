-- CreateTable
CREATE TABLE "Tenant" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "platform" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "uninstalledAt" DATETIME
);

-- CreateTable
CREATE TABLE "TenantSettings" (
    "tenantId" TEXT NOT NULL PRIMARY KEY,
    "data" JSONB NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "TenantSettings_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Secret" (
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "iv" TEXT NOT NULL,
    "tag" TEXT NOT NULL,
    "ciphertext" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("tenantId", "name"),
    CONSTRAINT "Secret_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SkuMapping" (
    "tenantId" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "item" JSONB,
    "components" JSONB,
    "source" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("tenantId", "sku"),
    CONSTRAINT "SkuMapping_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OrderLink" (
    "tenantId" TEXT NOT NULL,
    "storefrontOrderId" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "storefrontOrderNumber" TEXT NOT NULL,
    "primaOrderNumber" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "customerCode" TEXT,
    "primaState" TEXT,
    "primaRawStatus" TEXT,
    "currency" TEXT NOT NULL,
    "totalMinor" BIGINT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "lastProblem" JSONB,
    "appliedDispatches" JSONB NOT NULL,
    "contentHash" TEXT,
    "receivedAt" DATETIME NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "postedAt" DATETIME,
    "nextPollAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    "version" INTEGER NOT NULL,

    PRIMARY KEY ("tenantId", "storefrontOrderId"),
    CONSTRAINT "OrderLink_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InboundEvent" (
    "tenantId" TEXT NOT NULL,
    "eventKey" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "storefrontOrderId" TEXT,
    "receivedAt" DATETIME NOT NULL,
    "correlationId" TEXT NOT NULL,

    PRIMARY KEY ("tenantId", "eventKey"),
    CONSTRAINT "InboundEvent_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ExceptionRecord" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "problem" JSONB NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "firstSeenAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL,
    "resolvedAt" DATETIME,
    "resolvedBy" TEXT,
    "resolutionNote" TEXT,
    "correlationId" TEXT,
    "openKey" TEXT,
    CONSTRAINT "ExceptionRecord_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StockSnapshot" (
    "tenantId" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "pushedAt" DATETIME NOT NULL,

    PRIMARY KEY ("tenantId", "variantId", "locationId"),
    CONSTRAINT "StockSnapshot_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StockSyncState" (
    "tenantId" TEXT NOT NULL PRIMARY KEY,
    "lastFullReplyRows" INTEGER NOT NULL,
    "lastSyncAt" DATETIME NOT NULL,
    CONSTRAINT "StockSyncState_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "tenantId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "detail" JSONB NOT NULL,
    "correlationId" TEXT,
    CONSTRAINT "AuditEntry_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "dedupeKey" TEXT,
    "activeKey" TEXT,
    "state" TEXT NOT NULL,
    "runAtMs" BIGINT NOT NULL,
    "leaseUntilMs" BIGINT,
    "workerId" TEXT,
    "attempts" INTEGER NOT NULL,
    "maxAttempts" INTEGER NOT NULL,
    "correlationId" TEXT NOT NULL,
    "lastProblem" JSONB,
    "createdAtMs" BIGINT NOT NULL,
    "updatedAtMs" BIGINT NOT NULL
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "isOnline" BOOLEAN NOT NULL DEFAULT false,
    "scope" TEXT,
    "expires" DATETIME,
    "accessToken" TEXT NOT NULL,
    "userId" BIGINT,
    "firstName" TEXT,
    "lastName" TEXT,
    "email" TEXT,
    "accountOwner" BOOLEAN,
    "locale" TEXT,
    "collaborator" BOOLEAN,
    "emailVerified" BOOLEAN,
    "refreshToken" TEXT,
    "refreshTokenExpires" DATETIME
);

-- CreateIndex
CREATE INDEX "OrderLink_tenantId_state_receivedAt_idx" ON "OrderLink"("tenantId", "state", "receivedAt");

-- CreateIndex
CREATE INDEX "OrderLink_tenantId_state_nextPollAt_idx" ON "OrderLink"("tenantId", "state", "nextPollAt");

-- CreateIndex
CREATE INDEX "OrderLink_tenantId_receivedAt_idx" ON "OrderLink"("tenantId", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "OrderLink_tenantId_primaOrderNumber_key" ON "OrderLink"("tenantId", "primaOrderNumber");

-- CreateIndex
CREATE INDEX "InboundEvent_tenantId_receivedAt_idx" ON "InboundEvent"("tenantId", "receivedAt");

-- CreateIndex
CREATE INDEX "ExceptionRecord_tenantId_status_code_idx" ON "ExceptionRecord"("tenantId", "status", "code");

-- CreateIndex
CREATE INDEX "ExceptionRecord_tenantId_subject_idx" ON "ExceptionRecord"("tenantId", "subject");

-- CreateIndex
CREATE UNIQUE INDEX "ExceptionRecord_tenantId_openKey_key" ON "ExceptionRecord"("tenantId", "openKey");

-- CreateIndex
CREATE INDEX "AuditEntry_tenantId_at_idx" ON "AuditEntry"("tenantId", "at");

-- CreateIndex
CREATE INDEX "Job_state_runAtMs_idx" ON "Job"("state", "runAtMs");

-- CreateIndex
CREATE INDEX "Job_tenantId_state_idx" ON "Job"("tenantId", "state");

-- CreateIndex
CREATE UNIQUE INDEX "Job_tenantId_activeKey_key" ON "Job"("tenantId", "activeKey");

