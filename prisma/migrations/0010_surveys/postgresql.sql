-- CreateTable
CREATE TABLE "SurveyRun" (
    "id" TEXT NOT NULL,
    "flowId" TEXT NOT NULL,
    "flowVersion" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "scope" TEXT,
    "standing" TEXT,
    "opensAt" TIMESTAMP(3),
    "closesAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SurveyRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyResponse" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "respondentKey" TEXT,
    "language" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "answers" TEXT NOT NULL,
    "outcome" TEXT,
    "source" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "SurveyResponse_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SurveyRun_standing_key" ON "SurveyRun"("standing");

-- CreateIndex
CREATE INDEX "SurveyRun_flowId_idx" ON "SurveyRun"("flowId");

-- CreateIndex
CREATE INDEX "SurveyRun_scope_idx" ON "SurveyRun"("scope");

-- CreateIndex
CREATE INDEX "SurveyResponse_runId_status_idx" ON "SurveyResponse"("runId", "status");

-- CreateIndex
CREATE INDEX "SurveyResponse_status_updatedAt_idx" ON "SurveyResponse"("status", "updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyResponse_runId_respondentKey_key" ON "SurveyResponse"("runId", "respondentKey");

