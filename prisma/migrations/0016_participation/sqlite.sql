-- CreateTable
CREATE TABLE "EventPoll" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "options" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "openedAt" DATETIME,
    "closedAt" DATETIME
);

-- CreateTable
CREATE TABLE "EventPollVote" (
    "pollId" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "choice" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,

    PRIMARY KEY ("pollId", "participantId")
);

-- CreateTable
CREATE TABLE "EventGroupWork" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "groupBy" TEXT NOT NULL,
    "dots" INTEGER NOT NULL,
    "merges" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "EventAction" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "groupWorkId" TEXT NOT NULL,
    "groupKey" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "participantId" TEXT,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "EventDot" (
    "groupWorkId" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "slot" INTEGER NOT NULL,
    "actionId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,

    PRIMARY KEY ("groupWorkId", "participantId", "slot")
);

-- CreateTable
CREATE TABLE "EventTopic" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "slot" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "capacity" INTEGER,
    "actionIds" TEXT NOT NULL,
    "proposedBy" TEXT,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "EventSignUp" (
    "eventId" TEXT NOT NULL,
    "slot" INTEGER NOT NULL,
    "participantId" TEXT NOT NULL,
    "topicId" TEXT NOT NULL,
    "seat" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,

    PRIMARY KEY ("eventId", "slot", "participantId")
);

-- CreateTable
CREATE TABLE "EventTopicReport" (
    "topicId" TEXT NOT NULL PRIMARY KEY,
    "why" TEXT NOT NULL,
    "importance" TEXT NOT NULL,
    "nextSteps" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "EventPoll_eventId_createdAt_idx" ON "EventPoll"("eventId", "createdAt");

-- CreateIndex
CREATE INDEX "EventGroupWork_eventId_createdAt_idx" ON "EventGroupWork"("eventId", "createdAt");

-- CreateIndex
CREATE INDEX "EventAction_groupWorkId_groupKey_idx" ON "EventAction"("groupWorkId", "groupKey");

-- CreateIndex
CREATE INDEX "EventDot_actionId_idx" ON "EventDot"("actionId");

-- CreateIndex
CREATE INDEX "EventTopic_eventId_slot_idx" ON "EventTopic"("eventId", "slot");

-- CreateIndex
CREATE UNIQUE INDEX "EventSignUp_topicId_seat_key" ON "EventSignUp"("topicId", "seat");

