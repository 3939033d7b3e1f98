-- CreateTable
CREATE TABLE "OrganiserSignIn" (
    "tokenHash" TEXT NOT NULL PRIMARY KEY,
    "staffId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME
);

-- CreateTable
CREATE TABLE "OrganiserSession" (
    "idHash" TEXT NOT NULL PRIMARY KEY,
    "staffId" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "OrganiserSignIn_expiresAt_idx" ON "OrganiserSignIn"("expiresAt");

-- CreateIndex
CREATE INDEX "OrganiserSession_staffId_idx" ON "OrganiserSession"("staffId");

-- CreateIndex
CREATE INDEX "OrganiserSession_expiresAt_idx" ON "OrganiserSession"("expiresAt");

