# One image for every mjq service; the command picks which one runs.
FROM node:20-bookworm-slim
RUN npm install -g pnpm@10
WORKDIR /app
COPY . .
RUN pnpm install --frozen-lockfile && pnpm build
ENV NODE_ENV=production
EXPOSE 8062 8090
CMD ["node", "stack/dist/main.js"]
