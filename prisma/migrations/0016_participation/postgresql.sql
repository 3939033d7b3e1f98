-- CreateTable
CREATE TABLE "EventPoll" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "options" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "openedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "EventPoll_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EventPollVote" (
    "pollId" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "choice" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EventPollVote_pkey" PRIMARY KEY ("pollId","participantId")
);

-- CreateTable
CREATE TABLE "EventGroupWork" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "groupBy" TEXT NOT NULL,
    "dots" INTEGER NOT NULL,
    "merges" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EventGroupWork_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EventAction" (
    "id" TEXT NOT NULL,
    "groupWorkId" TEXT NOT NULL,
    "groupKey" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "participantId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EventAction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EventDot" (
    "groupWorkId" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "slot" INTEGER NOT NULL,
    "actionId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EventDot_pkey" PRIMARY KEY ("groupWorkId","participantId","slot")
);

-- CreateTable
CREATE TABLE "EventTopic" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "slot" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "capacity" INTEGER,
    "actionIds" TEXT NOT NULL,
    "proposedBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EventTopic_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EventSignUp" (
    "eventId" TEXT NOT NULL,
    "slot" INTEGER NOT NULL,
    "participantId" TEXT NOT NULL,
    "topicId" TEXT NOT NULL,
    "seat" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EventSignUp_pkey" PRIMARY KEY ("eventId","slot","participantId")
);

-- CreateTable
CREATE TABLE "EventTopicReport" (
    "topicId" TEXT NOT NULL,
    "why" TEXT NOT NULL,
    "importance" TEXT NOT NULL,
    "nextSteps" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EventTopicReport_pkey" PRIMARY KEY ("topicId")
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

