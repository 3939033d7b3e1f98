-- CreateTable
CREATE TABLE "EventChat" (
    "key" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EventChat_pkey" PRIMARY KEY ("key")
);

