-- CreateTable
CREATE TABLE "Event" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "joinCode" TEXT NOT NULL,
    "names" TEXT NOT NULL,
    "startsOn" TEXT NOT NULL,
    "days" INTEGER NOT NULL,
    "venue" TEXT,
    "timezone" TEXT NOT NULL,
    "languages" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "templateId" TEXT,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "EventSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "day" INTEGER NOT NULL,
    "start" TEXT NOT NULL,
    "end" TEXT,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "rounds" INTEGER,
    "roundMinutes" INTEGER,
    "questions" TEXT,
    "groupBy" TEXT
);

-- CreateTable
CREATE TABLE "EventOrganisation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "orgType" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "EventInvitee" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "contact" TEXT,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "EventParticipant" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "inviteeId" TEXT,
    "name" TEXT,
    "organisationId" TEXT,
    "region" TEXT,
    "telegramKey" TEXT,
    "chatCipher" TEXT,
    "language" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "registeredAt" DATETIME NOT NULL,
    "leftAt" DATETIME,
    "deletedAt" DATETIME
);

-- CreateTable
CREATE TABLE "EventAttendance" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "personKey" TEXT NOT NULL,
    "inviteeId" TEXT,
    "participantId" TEXT,
    "day" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "EventOrganiser" (
    "eventId" TEXT NOT NULL,
    "operatorId" TEXT NOT NULL,
    "addedAt" DATETIME NOT NULL,

    PRIMARY KEY ("eventId", "operatorId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Event_joinCode_key" ON "Event"("joinCode");

-- CreateIndex
CREATE UNIQUE INDEX "EventSession_eventId_position_key" ON "EventSession"("eventId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "EventOrganisation_eventId_nameKey_key" ON "EventOrganisation"("eventId", "nameKey");

-- CreateIndex
CREATE UNIQUE INDEX "EventInvitee_eventId_organisationId_nameKey_key" ON "EventInvitee"("eventId", "organisationId", "nameKey");

-- CreateIndex
CREATE UNIQUE INDEX "EventParticipant_eventId_telegramKey_key" ON "EventParticipant"("eventId", "telegramKey");

-- CreateIndex
CREATE UNIQUE INDEX "EventParticipant_eventId_inviteeId_key" ON "EventParticipant"("eventId", "inviteeId");

-- CreateIndex
CREATE UNIQUE INDEX "EventAttendance_eventId_personKey_day_key" ON "EventAttendance"("eventId", "personKey", "day");

-- CreateIndex
CREATE INDEX "EventOrganiser_operatorId_idx" ON "EventOrganiser"("operatorId");

