-- CreateTable
CREATE TABLE "CafeRun" (
    "sessionId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "hosts" TEXT NOT NULL,
    "tableSize" INTEGER NOT NULL,
    "seed" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CafeRun_pkey" PRIMARY KEY ("sessionId")
);

-- CreateTable
CREATE TABLE "CafeRound" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3),
    "endsAt" TIMESTAMP(3),
    "warnAt" TIMESTAMP(3),
    "warnedAt" TIMESTAMP(3),
    "remainingMs" INTEGER,
    "endedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL,

    CONSTRAINT "CafeRound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CafeSeat" (
    "sessionId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "participantId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "table" INTEGER NOT NULL,
    "host" BOOLEAN NOT NULL,

    CONSTRAINT "CafeSeat_pkey" PRIMARY KEY ("sessionId","round","participantId")
);

-- CreateTable
CREATE TABLE "CafeNote" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "table" INTEGER NOT NULL,
    "participantId" TEXT NOT NULL,
    "text" TEXT,
    "photoFileId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CafeNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CafeAsk" (
    "key" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "table" INTEGER NOT NULL,
    "until" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CafeAsk_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "CafeTheme" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "labels" TEXT NOT NULL,
    "definitions" TEXT NOT NULL,
    "keywords" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CafeTheme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CafeCoding" (
    "noteId" TEXT NOT NULL,
    "themeId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "codedBy" TEXT NOT NULL,
    "codedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CafeCoding_pkey" PRIMARY KEY ("noteId","themeId")
);

-- CreateIndex
CREATE INDEX "CafeRun_eventId_idx" ON "CafeRun"("eventId");

-- CreateIndex
CREATE INDEX "CafeRound_status_endsAt_idx" ON "CafeRound"("status", "endsAt");

-- CreateIndex
CREATE UNIQUE INDEX "CafeRound_sessionId_number_key" ON "CafeRound"("sessionId", "number");

-- CreateIndex
CREATE INDEX "CafeSeat_eventId_idx" ON "CafeSeat"("eventId");

-- CreateIndex
CREATE INDEX "CafeNote_eventId_idx" ON "CafeNote"("eventId");

-- CreateIndex
CREATE INDEX "CafeNote_sessionId_round_table_idx" ON "CafeNote"("sessionId", "round", "table");

-- CreateIndex
CREATE UNIQUE INDEX "CafeTheme_eventId_code_key" ON "CafeTheme"("eventId", "code");

-- CreateIndex
CREATE INDEX "CafeCoding_eventId_idx" ON "CafeCoding"("eventId");

