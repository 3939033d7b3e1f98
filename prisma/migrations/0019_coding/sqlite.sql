-- CreateTable
CREATE TABLE "CodingTheme" (
    "formId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "labels" TEXT NOT NULL,
    "definitions" TEXT NOT NULL,
    "keywords" TEXT NOT NULL,

    PRIMARY KEY ("formId", "eventId", "code")
);

-- CreateTable
CREATE TABLE "CodingDecision" (
    "responseId" TEXT NOT NULL,
    "item" TEXT NOT NULL,
    "coder" TEXT NOT NULL,
    "themes" TEXT NOT NULL,
    "codedAt" DATETIME NOT NULL,

    PRIMARY KEY ("responseId", "item", "coder")
);

-- CreateTable
CREATE TABLE "CodingResolution" (
    "responseId" TEXT NOT NULL,
    "item" TEXT NOT NULL,
    "themes" TEXT NOT NULL,
    "resolvedAt" DATETIME NOT NULL,

    PRIMARY KEY ("responseId", "item")
);

-- CreateTable
CREATE TABLE "CodingQuote" (
    "responseId" TEXT NOT NULL,
    "item" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "quotedAt" DATETIME NOT NULL,

    PRIMARY KEY ("responseId", "item")
);

