-- CreateTable
CREATE TABLE "Operator" (
    "id" TEXT NOT NULL,
    "telegramId" TEXT NOT NULL,
    "pseudonym" TEXT,
    "role" TEXT NOT NULL,
    "languages" TEXT NOT NULL,
    "skills" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Operator_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Operator_telegramId_key" ON "Operator"("telegramId");

