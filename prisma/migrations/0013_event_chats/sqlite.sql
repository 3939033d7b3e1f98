-- CreateTable
CREATE TABLE "EventChat" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

