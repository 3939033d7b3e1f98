-- CreateTable
CREATE TABLE "OrganiserSignIn" (
    "tokenHash" TEXT NOT NULL,
    "staffId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "OrganiserSignIn_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateTable
CREATE TABLE "OrganiserSession" (
    "idHash" TEXT NOT NULL,
    "staffId" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OrganiserSession_pkey" PRIMARY KEY ("idHash")
);

-- CreateIndex
CREATE INDEX "OrganiserSignIn_expiresAt_idx" ON "OrganiserSignIn"("expiresAt");

-- CreateIndex
CREATE INDEX "OrganiserSession_staffId_idx" ON "OrganiserSession"("staffId");

-- CreateIndex
CREATE INDEX "OrganiserSession_expiresAt_idx" ON "OrganiserSession"("expiresAt");

